"""Each language has its own search index, holding only its own pages."""
import json

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
        indexed = {page_of(root, doc["location"]) for doc in index["docs"]}
        built = {p for p in html_pages(built_site) if language_of(built_site, p) == language}
        assert indexed == built, (
            f"{language}: indexed but not a {language} page: {sorted(map(str, indexed - built))[:5]}; "
            f"{language} pages missing from the index: {sorted(map(str, built - indexed))[:5]}"
        )


def test_english_pages_search_the_english_index(built_site):
    from bs4 import BeautifulSoup

    for page in html_pages(built_site):
        config = json.loads(BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("#__config").string)
        base = (page.parent / config["base"]).resolve()
        expected = built_site if language_of(built_site, page) == "sv" else built_site / "en"
        assert base == expected.resolve(), f"{page.relative_to(built_site)} searches {config['base']}"
