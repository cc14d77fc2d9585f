"""The apps' layering (pyproject.toml [tool.importlinter]) holds, and a forbidden import
breaks it: `make test` runs the same `lint-imports`."""

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_catalog_importing_orders_breaks_it(tmp_path):
    tree = a_copy_of_the_code(tmp_path)
    (tree / "apps" / "goods" / "probe.py").write_text("from apps.orders.models import OrderInfo  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "goods imports none of carts, orders, payment, oauth BROKEN" in result.stdout


def test_an_app_importing_another_apps_views_breaks_it(tmp_path):
    tree = a_copy_of_the_code(tmp_path)
    (tree / "apps" / "users" / "probe.py").write_text("from apps.carts.views import CartView  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "users imports no other app's views BROKEN" in result.stdout


def test_the_verifications_importing_users_breaks_it(tmp_path):
    tree = a_copy_of_the_code(tmp_path)
    (tree / "apps" / "verifications" / "probe.py").write_text("from apps.users.models import User  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "meiduo_mall.utils, areas and verifications import no app BROKEN" in result.stdout
