"""gunicorn's logger for the web tier (deploy/gunicorn.conf.py: logger_class): its access
lines with secret query parameters redacted, as every other log line is (utils/log.py).
Only gunicorn imports this module."""

from typing import Any

from gunicorn.glogging import Logger

from meiduo_mall.utils.log import redact, redact_query


class RedactingGunicornLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U"):  # the request line, the path
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        if isinstance(atoms.get("q"), str):
            atoms["q"] = redact_query(atoms["q"])
        return atoms
