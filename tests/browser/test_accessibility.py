"""WCAG 2.1 AA, and 2.2 AA, in a real browser: axe-core on every page of both
languages at phone and desktop width, keyboard use, focus never hidden, the
size of our own controls, and screenshots to look at."""
import pytest

from project import ROOT
from sitefiles import html_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 AA (EN 301 549 V3.2.1) and what axe-core checks of WCAG 2.2 AA (target size).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
DEEP = "samverkan/betanketid/"


def axe_violations(page):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs `npm ci`)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r =>
        r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""", WCAG_AA)


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
    print(f"axe-core {axe_version()} ({', '.join(WCAG_AA)}), {viewport['width']} px: "
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
                  "'<img src=x><p class=low>svag text</p><p><button class=tiny>a</button><button class=tiny>b</button></p>'); "
                  "document.querySelector('.low').style.color = '#c8c8c8'; "
                  "for (const b of document.querySelectorAll('.tiny')) { b.style.width = b.style.height = '12px'; "
                  "b.style.padding = b.style.margin = b.style.border = '0'; }")
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "color-contrast", "target-size"}


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


# WCAG 2.2, 2.4.11 Focus not obscured (minimum): where Tab and Shift+Tab
# take the focus, the focused element is not entirely hidden: not outside the
# screen (the phone menu is a drawer), not under the sticky header or the
# "back to top" button, not without size. Nine points of the element are
# asked what is on top there; hidden means none of them is the element.
FOCUS_POINTS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  let seen = 0;
  for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    if (r.width < 1 || r.height < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && (hit === el || el.contains(hit))) seen++;
  }
  return {seen, text: (el.innerText || el.getAttribute('aria-label') || el.className || el.tagName).trim().slice(0, 40),
          box: [r.left, r.top, r.width, r.height].map(Math.round)};
}"""
TRANSITIONS = 450  # ms: the drawer slides in 0.25 s, the search results fade out in 0.4 s


def hidden_focus_stops(page, key: str, presses: int) -> list[dict]:
    hidden = []
    for _ in range(presses):
        page.keyboard.press(key)
        page.wait_for_timeout(TRANSITIONS)
        state = page.evaluate(FOCUS_POINTS)
        if state and state["seen"] == 0:
            hidden.append({key: state})
    return hidden


@pytest.mark.parametrize("viewport,path", [(SMALL_PHONE, "lattlast/rattigheter/"), (SMALL_PHONE, DEEP),
                                           (DESKTOP, "samverkan/akut-skydd/")], ids=["phone-easy-read", "phone-deep", "desktop-steps"])
def test_focus_is_never_entirely_hidden(browser, site_url, viewport, path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    # Through the header, the menu (on a phone: every level of the drawer) into the text, and back up.
    hidden = hidden_focus_stops(page, "Tab", 40) + hidden_focus_stops(page, "Shift+Tab", 40)
    context.close()
    assert not hidden, hidden


# WCAG 2.2, 2.5.8 Target size (minimum): the controls we add ourselves are at
# least 24 x 24 CSS px, whatever their spacing (axe-core checks every page's
# targets with the spacing exception; ours do not lean on it).
OUR_CONTROLS = ".nmt-footer-links a, .nmt-steps__toggle, .nmt-steps__summary, .nmt-steps__more a"


@pytest.mark.parametrize("viewport", [SMALL_PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["samverkan/", "en/samverkan/akut-skydd/"])
def test_our_controls_are_at_least_24_px(browser, site_url, viewport, path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    page.locator(".nmt-steps__toggle").click()  # "Visa alla steg": every step's link is shown
    sizes = page.evaluate("""selector => [...document.querySelectorAll(selector)].map(e => {
        const r = e.getBoundingClientRect(); return {text: e.innerText.trim().slice(0, 30), w: r.width, h: r.height}; })""",
                          OUR_CONTROLS)
    context.close()
    assert len(sizes) >= 3 + 1 + 6 + 5, sizes  # footer links, the toggle, six steps, the other steps' links
    small = [size for size in sizes if size["w"] < 24 or size["h"] < 24]
    assert not small, small


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
