"""RSA2 key pairs for development and tests: the app's (it signs requests to Alipay) and a
stand-in "Alipay's" (the local gateway signs its answers with it). Made on first use."""

from dataclasses import dataclass
from pathlib import Path

from Cryptodome.PublicKey import RSA

KEY_BITS = 2048


@dataclass(frozen=True)
class LocalKeys:
    app_private: str
    app_public: str
    alipay_private: str
    alipay_public: str


def _pair(directory: Path, name: str) -> tuple[str, str]:
    private_path, public_path = directory / f"{name}_private.pem", directory / f"{name}_public.pem"
    if not private_path.exists():
        key = RSA.generate(KEY_BITS)
        directory.mkdir(parents=True, exist_ok=True)
        # Written to a temporary name first: two processes starting together never read half a key.
        for path, pem in ((public_path, key.publickey().export_key()), (private_path, key.export_key())):
            partial = path.with_suffix(".tmp")
            partial.write_bytes(pem)
            partial.chmod(0o600)
            partial.replace(path)
    return private_path.read_text(), public_path.read_text()


def local_keys(directory: Path) -> LocalKeys:
    app_private, app_public = _pair(directory, "app")
    alipay_private, alipay_public = _pair(directory, "alipay")
    return LocalKeys(app_private, app_public, alipay_private, alipay_public)
