"""The pipeline (hooks/pipeline.py): the order of the steps and the state of a build.

The first two tests are the two silent bugs a review reproduced before the
pipeline existed: generated text that kept `sfs:` links, and redirect pages
of one language lost to the other language's pass.
"""
import copy
import shutil
import sys
import types
from pathlib import Path

from fixture_sites import build_site, make_site

ROOT = Path(__file__).resolve().parents[2]


def test_an_sfs_link_in_a_glossary_definition_never_reaches_the_page_as_sfs(tmp_path):
    site = make_site(tmp_path / "site")
    glossary = site / "docs" / "glossary.yml"
    glossary.write_text(glossary.read_text("utf-8").replace(
        "definition: Ett tillfälligt uppehållstillstånd i 30 dagar.",
        "definition: Ett tillfälligt uppehållstillstånd i 30 dagar, se [5 kap. 15 §](sfs:2005:716#K5P15)."), "utf-8")
    result = build_site(site)
    assert result.succeeded, result.messages
    pages = [page.read_text("utf-8") for page in (site / "site").rglob("*.html")]
    assert not [page for page in pages if 'href="sfs:' in page]
    glossary_page = (site / "site" / "ordlista" / "index.html").read_text("utf-8")
    assert "5 kap. 15 §" in glossary_page


def test_redirect_pages_are_written_in_every_language(tmp_path):
    from test_redirects import moved_site

    site = moved_site(tmp_path)
    result = build_site(site)
    assert result.succeeded, result.messages
    swedish = (site / "site" / "sida" / "index.html").read_text("utf-8")
    english = (site / "site" / "en" / "sida" / "index.html").read_text("utf-8")
    assert '<html lang="sv">' in swedish and 'url=../flyttad/sida/"' in swedish
    assert '<html lang="en">' in english and 'url=../flyttad/sida/"' in english
    assert "Sidan har flyttat" in swedish and "This page has moved" in english


def test_a_second_build_in_one_process_reports_exactly_what_a_fresh_build_does(tmp_path):
    """Nothing is kept between builds (mkdocs serve rebuilds in one process)."""
    site = make_site(tmp_path / "site")
    page = site / "docs" / "sida.md"
    clean = page.read_text("utf-8")
    page.write_text(clean + "\nSe [[okändterm]].\n", "utf-8")
    first = build_site(site)
    page.write_text(clean + "\nSe [[annanterm]].\n", "utf-8")
    second = build_site(site)
    fresh = build_site(_copy_of(site, tmp_path / "fresh"))
    assert not first.succeeded and not second.succeeded
    assert any("okändterm" in m for m in first.messages)
    assert second.messages == fresh.messages
    assert not any("okändterm" in m for m in second.messages)


def _copy_of(site: Path, target: Path) -> Path:
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("site"))
    return target


def _module_values(module: types.ModuleType) -> dict:
    """The module's own dicts, lists and sets (constants included), deep-copied."""
    return {name: copy.deepcopy(value) for name, value in vars(module).items()
            if isinstance(value, (dict, list, set)) and not name.startswith("__")}


def _hook_modules() -> list[types.ModuleType]:
    """Every module loaded from hooks/: pipeline.py (MkDocs loads it by its path) and the nmt package."""
    folder = ROOT / "hooks"
    return [module for module in list(sys.modules.values())
            if getattr(module, "__file__", None) and folder in Path(module.__file__).resolve().parents]


def test_no_step_keeps_state_in_its_module(tmp_path):
    """A build leaves every module-level dict, list and set of hooks/ as it found it."""
    assert build_site(make_site(tmp_path / "first")).succeeded  # loads every module
    modules = _hook_modules()
    assert {"pipeline.py", "glossary_text.py", "guard.py"} <= {Path(m.__file__).name for m in modules}
    before = {id(module): _module_values(module) for module in modules}
    result = build_site(make_site(tmp_path / "second"))
    assert result.succeeded, result.messages
    changed = [f"{Path(module.__file__).name}: {name}" for module in modules
               for name, value in _module_values(module).items() if before[id(module)].get(name) != value]
    assert changed == []
