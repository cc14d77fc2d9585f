"""The apps' layering (pyproject.toml [tool.importlinter]) holds, and a forbidden import
breaks it: `make test` runs the same `lint-imports`."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120, check=False
    )


def a_copy_of_the_code(tmp_path: Path) -> Path:
    for name in ("apps", "meiduo_mall"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_layering_holds(tmp_path):
    result = lint_imports(a_copy_of_the_code(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


@pytest.mark.parametrize(
    ("app", "probe", "broken"),
    [
        ("goods", "from apps.orders.models import OrderInfo", "goods imports none of carts, orders, payment, oauth"),
        ("users", "from apps.carts.views import CartView", "users imports no other app's views"),
        (
            "verifications",
            "from apps.users.models import User",
            "meiduo_mall.utils, areas and verifications import no app",
        ),
    ],
    ids=["the catalog importing orders", "an app importing another's views", "verifications importing users"],
)
def test_a_forbidden_import_breaks_it(tmp_path, app, probe, broken):
    tree = a_copy_of_the_code(tmp_path)
    (tree / "apps" / app / "probe.py").write_text(f"{probe}  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert f"{broken} BROKEN" in result.stdout
