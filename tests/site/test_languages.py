"""Both languages are complete and readers can switch between them anywhere."""
from sitefiles import counterpart, html_pages, language_of, resolve, soup


def test_both_languages_have_the_same_pages(built_site):
    swedish = {p.relative_to(built_site) for p in html_pages(built_site) if language_of(built_site, p) == "sv"}
    english = {p.relative_to(built_site / "en") for p in html_pages(built_site) if language_of(built_site, p) == "en"}
    assert swedish, "no Swedish pages were built"
    assert swedish == english, f"only sv: {sorted(swedish - english)}; only en: {sorted(english - swedish)}"


def test_every_page_declares_its_language(built_site):
    wrong = [
        (str(p.relative_to(built_site)), soup(p).html.get("lang"))
        for p in html_pages(built_site)
        if soup(p).html.get("lang") != language_of(built_site, p)
    ]
    assert not wrong, f"<html lang> does not match the page's language: {wrong[:10]}"


def test_not_found_page_exists_in_each_language(built_site):
    assert soup(built_site / "404.html").html["lang"] == "sv"
    assert soup(built_site / "en" / "404.html").html["lang"] == "en"
    assert "Sidan finns inte" in soup(built_site / "404.html").h1.text
    assert "Page not found" in soup(built_site / "en" / "404.html").h1.text


def test_not_found_pages_link_each_language_home(built_site):
    """A 404 page has no counterpart: its language menu and hreflang links go to each language's home
    (absolute: the server shows it at any depth). static-i18n left the last Swedish page built there."""
    for page in (built_site / "404.html", built_site / "en" / "404.html"):
        menu = {a["hreflang"]: a["href"] for a in soup(page).select("a.md-select__link[hreflang]")}
        alternates = {link["hreflang"]: link["href"] for link in soup(page).select('link[rel="alternate"][hreflang]')}
        assert menu == {"sv": "/", "en": "/en/"}, (page, menu)
        assert {lang: href.split("://", 1)[-1].split("/", 1)[-1] for lang, href in alternates.items()} == \
            {"sv": "", "x-default": "", "en": "en/"}, (page, alternates)


def test_language_switcher_leads_to_the_same_page_in_the_other_language(built_site):
    problems = []
    for page in html_pages(built_site):
        links = {a["hreflang"]: a["href"] for a in soup(page).select("a.md-select__link[hreflang]")}
        own, other = language_of(built_site, page), ("en" if language_of(built_site, page) == "sv" else "sv")
        if set(links) != {"sv", "en"}:
            problems.append((page, f"switcher languages {sorted(links)}"))
            continue
        if links[other].startswith(("/", "http")):
            problems.append((page, f"absolute switcher link {links[other]} breaks offline"))
        elif resolve(built_site, page, links[other]) != counterpart(built_site, page):
            problems.append((page, f"{other} link {links[other]} does not lead to the counterpart"))
        elif resolve(built_site, page, links[own]) != page:
            problems.append((page, f"{own} link {links[own]} does not lead to the page itself"))
    assert not problems, "\n".join(f"{p.relative_to(built_site)}: {why}" for p, why in problems[:10])


def test_footer_links_to_accessibility_statement_about_pages_in_own_language(built_site):
    expected = {language: {"tillganglighet", "om-webbplatsen", "om-kopian"} for language in ("sv", "en")}
    for page in html_pages(built_site):
        language = language_of(built_site, page)
        links = soup(page).select(".nmt-footer-links a")
        targets = {resolve(built_site, page, a["href"]) for a in links}
        wanted = {(built_site if language == "sv" else built_site / "en") / name / "index.html"
                  for name in expected[language]}
        assert targets == wanted, f"{page.relative_to(built_site)}: footer links {[a['href'] for a in links]}"
