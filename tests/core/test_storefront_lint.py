"""The storefront's JavaScript passes ESLint (front_end_pc/eslint.config.mjs), and a fault
fails it: `make test` runs the same `npm run lint`."""

import shutil
import subprocess
from pathlib import Path

STOREFRONT = Path(__file__).resolve().parents[2] / "front_end_pc"


def lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", "run", "--silent", "lint"], cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )


def a_copy_of_the_storefront(tmp_path: Path) -> Path:
    copy = tmp_path / "front_end_pc"
    shutil.copytree(STOREFRONT, copy, ignore=shutil.ignore_patterns("node_modules", "goods", "vendor"), symlinks=True)
    (copy / "node_modules").symlink_to(STOREFRONT / "node_modules")
    return copy


def test_the_storefront_passes_eslint():
    result = lint(STOREFRONT)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_loose_comparison_and_an_unused_name_fail_it(tmp_path):
    copy = a_copy_of_the_storefront(tmp_path)
    (copy / "mall" / "probe.js").write_text('const unused = 1;\nexport function odd(a) {\n  return a == "1";\n}\n')

    result = lint(copy)

    assert result.returncode != 0
    assert "no-unused-vars" in result.stdout
    assert "eqeqeq" in result.stdout


def test_a_page_calling_the_api_client_itself_fails_it(tmp_path):
    copy = a_copy_of_the_storefront(tmp_path)
    (copy / "mall" / "pages" / "probe.js").write_text(
        'import { client } from "../api/client.js";\nexport const probe = () => client.get("/orders/");\n'
    )

    result = lint(copy)

    assert result.returncode != 0
    assert "Call the API through its domain's module in mall/api/" in result.stdout
