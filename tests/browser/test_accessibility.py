"""WCAG 2.1 AA in a real browser: axe-core on every page of both languages at
phone and desktop width, keyboard use, and screenshots to look at."""
import pytest

from conftest import ROOT
from sitefiles import html_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DEEP = "samverkan/betanketid/"


def axe_violations(page):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs `npm ci`)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r =>
        r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""", WCAG_21_AA)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_has_no_axe_violations(built_site, site_url, browser, viewport):
    paths = [p.relative_to(built_site).as_posix() for p in html_pages(built_site)] + ["404.html", "en/404.html"]
    # The pages' CSP <meta> blocks every script it does not know, axe-core too:
    # the test's own tool may bypass it (the readers' pages keep it).
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in paths:
        page.goto(site_url + path.removesuffix("index.html"))
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    context.close()
    print(f"axe-core {axe_version()} ({', '.join(WCAG_21_AA)}), {viewport['width']} px: "
          f"{len(paths)} pages, {sum(len(v) for v in found.values())} violations")
    assert not found, "\n".join(f"{path}: {v}" for path, v in list(found.items())[:10])


def axe_version():
    import json
    return json.loads((AXE.parent / "package.json").read_text())["version"]


def test_axe_finds_problems_when_there_are_some(browser, site_url):
    """The gate can fail: an image without text and grey-on-white text are caught."""
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(site_url + DEEP)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', "
                  "'<img src=x><p class=low>svag text</p>'); document.querySelector('.low').style.color = '#c8c8c8'")
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "color-contrast"}


def focused(page):
    return page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, text: (e.innerText || e.value || '').trim(), cls: e.className,
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")


@pytest.mark.parametrize("path,skip_text", [(DEEP, "Gå till innehållet"), ("en/" + DEEP, "Skip to content")])
def test_skip_link_comes_first_and_moves_to_the_content(page, site_url, path, skip_text):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == skip_text and first["outline"], first
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#")


def test_every_focus_stop_is_visible(page, site_url):
    page.goto(site_url + DEEP)
    invisible = []
    for _ in range(25):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] != "BODY" and not state["outline"]:
            invisible.append(state)
    assert not invisible, invisible


def test_search_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + DEEP)
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("betänketid")
    page.locator(".md-search-result__list a").first.wait_for()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "h=bet" in page.url


def test_language_switcher_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + DEEP)
    page.locator(".md-select button").first.focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "English":
            break
    assert focused(page)["text"] == "English", "the English link cannot be reached with Tab"
    assert page.locator("a.md-select__link[hreflang=en]").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + "en/" + DEEP


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", DEEP, "en/", "en/" + DEEP], ids=["sv-home", "sv-deep", "en-home", "en-deep"])
def test_screenshots_for_review(browser, site_url, viewport, path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"{(path.strip('/') or 'home').replace('/', '-')}-{viewport['width']}.png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)
    assert (ARTIFACTS / name).stat().st_size > 5_000
    context.close()
