"""The storefront's static pages are made from front_end_pc/pages/ with the one head and
shell they share (front_end_pc/tools/shell.html, by tools/pages.mjs): each page is written
once, its head nowhere but in the shell."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

STOREFRONT = Path(__file__).resolve().parents[2] / "front_end_pc"
SOURCES = sorted((STOREFRONT / "pages").glob("*.html"))


def make_pages(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(root / "tools" / "pages.mjs"), str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    result = make_pages(STOREFRONT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_page_of_the_storefront_is_made(made):
    assert len(SOURCES) >= 18
    assert sorted(path.name for path in made.glob("*.html")) == [path.name for path in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_a_made_page_is_its_content_inside_the_shared_head_and_shell(made, source):
    text = source.read_text()
    header = dict(re.findall(r'([\w-]+)="([^"]*)"', text.split("\n", 1)[0]))
    page = (made / source.name).read_text()

    assert page.startswith("<!DOCTYPE html>\n")
    assert f"<title>{header['title']} - 美多商城</title>" in page
    assert f'<script type="module" src="/mall/pages/{header["script"]}.js"></script>' in page
    assert (STOREFRONT / "mall" / "pages" / f"{header['script']}.js").is_file()
    assert ('<body class="auth-page">' in page) is (header.get("body-class") == "auth-page")
    assert page.count('<div id="app" v-cloak>') == 1
    assert text.split("\n", 1)[1] in page  # the page's own content, as written
    assert page.rstrip().endswith("</div>\n</body>\n</html>")


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_no_page_repeats_the_head(source):
    text = source.read_text()

    for shared in ("<!DOCTYPE", "<html", "<head>", "<meta", "main.css", "<body", 'id="app"'):
        assert shared not in text


def test_no_made_page_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files", ":(glob)front_end_pc/*.html"],
        cwd=STOREFRONT.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert tracked.stdout == ""


def test_a_page_without_its_first_line_is_refused_with_what_to_write(tmp_path):
    copy = tmp_path / "front_end_pc"
    (copy / "pages").mkdir(parents=True)
    shutil.copytree(STOREFRONT / "tools", copy / "tools")
    (copy / "pages" / "probe.html").write_text("<p>no header</p>\n")

    result = make_pages(copy, tmp_path / "out")

    assert result.returncode != 0
    assert 'pages/probe.html: the first line must be <!-- page: title="..." script="..." -->' in result.stderr


def test_our_modules_only_import_our_modules():
    """Our JavaScript lives in mall/, a folder classic storefronts do not have: deployed beside a
    classic storefront (whose js/ has a cart.js, a detail.js, ...), no import of ours resolves
    to one of its files."""
    mall = STOREFRONT / "mall"
    modules = [path for path in mall.rglob("*.js") if "vendor" not in path.relative_to(mall).parts]
    assert len(modules) > 30
    for module in modules:
        for target in re.findall(
            r'^\s*(?:import|export)\b[^"\']*?from\s+["\']([^"\']+)["\']', module.read_text(), re.M
        ):
            assert target.startswith("."), f"{module}: {target}"
            assert (module.parent / target).resolve().is_relative_to(mall), f"{module}: {target}"


def test_every_page_loads_its_module_from_our_folder(made):
    templates = STOREFRONT.parent / "templates" / "storefront"
    for text in [page.read_text() for page in made.glob("*.html")] + [(templates / "base.html").read_text()]:
        sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)
        assert sources
        assert all(source.startswith("/mall/") for source in sources), sources
