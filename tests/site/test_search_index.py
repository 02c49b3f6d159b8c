"""Each language has its own search index, holding only its own pages, and the
page itself downloads only where the index is (the search worker loads it)."""
import json

from nmt.search import per_language as search_per_language
from sitefiles import html_pages, language_of


def load(path):
    return json.loads(path.read_text("utf-8"))


def page_of(root, location):
    path = root / location.split("#")[0]
    return path / "index.html" if path.is_dir() else path


def test_each_language_index_holds_exactly_its_own_pages(built_site):
    for language, root in (("sv", built_site), ("en", built_site / "en")):
        index = load(root / "search" / "search_index.json")
        assert index["config"]["lang"] == [language]
        indexed = {page_of(root, doc["location"]) for doc in search_per_language.read_entries(root / "search")}
        built = {p for p in html_pages(built_site) if language_of(built_site, p) == language}
        assert indexed == built, (
            f"{language}: indexed but not a {language} page: {sorted(map(str, indexed - built))[:5]}; "
            f"{language} pages missing from the index: {sorted(map(str, built - indexed))[:5]}"
        )


def test_the_page_loads_no_entries_only_where_the_engine_index_is(built_site):
    for folder, relative in ((built_site / "search", "search/"), (built_site / "en" / "search", "en/search/")):
        index = load(folder / "search_index.json")
        assert index["docs"] == []
        where = index["config"]["nmt"]
        assert where["folder"] == relative and where["parts"] >= 2
        assert sorted(p.name for p in folder.glob("search_index-*.js")) == \
            [f"search_index-{n}.js" for n in range(where["parts"])]
        assert (folder / "search_index.json").stat().st_size < 1000


def test_english_pages_search_the_english_index(built_site):
    from bs4 import BeautifulSoup

    for page in html_pages(built_site):
        config = json.loads(BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("#__config").string)
        base = (page.parent / config["base"]).resolve()
        expected = built_site if language_of(built_site, page) == "sv" else built_site / "en"
        assert base == expected.resolve(), f"{page.relative_to(built_site)} searches {config['base']}"
        folder = "search/" if language_of(built_site, page) == "sv" else "en/search/"
        assert config["search"].endswith(f"/workers/nmt-search.js?index={folder}"), config["search"]
