"""The six steps as one guide (hooks/nmt/blocks/step_guide.py) in Chromium: on every step
page and page of a step, the current step marked for eyes and screen readers;
steps open and close with the keyboard; "show all" opens them all; readable
without JavaScript, on paper and from file://; axe-clean at phone and desktop
width; screenshots to look at."""
import pytest
from playwright.sync_api import expect

from project import ROOT
from test_accessibility import ARTIFACTS, DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.browser

STEP_PAGES = ["samverkan/identifiering/", "samverkan/akut-skydd/", "samverkan/inledande-stod/",
              "samverkan/langsiktigt-stod/", "samverkan/straffrattsligt-forfarande/",
              "samverkan/tryggt-atervandande/"]
PAGES_OF_A_STEP = {"samverkan/indikatorer/": 1, "samverkan/betanketid/": 2, "samverkan/nationellt-stodprogram/": 3,
                   "samverkan/atervandandeprogrammet/": 6}
HERE = {"sv": "(du är här)", "en": "(you are here)"}
SHOW_ALL = {"sv": ("Visa alla steg", "Dölj alla steg"), "en": ("Show all steps", "Hide all steps")}
STEP_2 = "samverkan/akut-skydd/"

CASES = [(language, path, number) for language in ("sv", "en")
         for path, number in [*zip(STEP_PAGES, range(1, 7)), *PAGES_OF_A_STEP.items()]]


def state(page):
    """Each step of the guide: number, open, current, what a screen reader reads in its summary."""
    return page.evaluate("""() => [...document.querySelectorAll('.nmt-steps__step')].map(li => {
        const summary = li.querySelector('summary');
        return {open: li.querySelector('details').open, current: li.classList.contains('nmt-steps__step--current'),
                read: summary.textContent.replace(/\\s+/g, ' ').trim(),
                bodyVisible: li.querySelector('.nmt-steps__lead').getBoundingClientRect().height > 0};
    })""")


@pytest.mark.parametrize("language,path,number", CASES, ids=[f"{c[0]}-{c[1].split('/')[1]}" for c in CASES])
def test_the_guide_is_on_the_page_with_its_step_marked_for_eyes_and_screen_readers(page, site_url, language, path,
                                                                                   number):
    page.goto(site_url + ("en/" if language == "en" else "") + path)
    steps = state(page)
    assert len(steps) == 6
    assert [s["current"] for s in steps] == [n == number for n in range(1, 7)]
    assert [s["open"] for s in steps] == [n == number for n in range(1, 7)]
    current = steps[number - 1]
    word = "Steg" if language == "sv" else "Step"
    assert current["read"].startswith(f"{word} {number}:") and current["read"].endswith(HERE[language])
    assert not any(HERE[language] in s["read"] for s in steps if not s["current"])
    # Seen: the filled circle and the label; the parenthesised text is for screen readers only.
    marked = page.locator(".nmt-steps__step--current")
    assert marked.locator(".nmt-steps__here").is_visible()
    circle = marked.locator(".nmt-steps__number").evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator(".nmt-steps__step:not(.nmt-steps__step--current) .nmt-steps__number").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert circle != other
    hidden = marked.locator(".nmt-visually-hidden", has_text=HERE[language]).bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1
    assert not page.watch.errors, page.watch.errors


def test_the_overview_shows_every_step_closed_with_a_link_to_each_page(page, site_url):
    page.goto(site_url + "samverkan/")
    steps = state(page)
    assert len(steps) == 6 and not any(s["current"] or s["open"] for s in steps)
    links = page.locator(".nmt-steps a")
    assert links.count() == 6
    page.locator(".nmt-steps summary").nth(2).click()
    with page.expect_navigation():
        page.locator(".nmt-steps__step").nth(2).locator("a").click()
    assert page.url == site_url + "samverkan/inledande-stod/"


def focus_summary(page, number):
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("""n => { const e = document.activeElement;
                return e.tagName === 'SUMMARY' && e.closest('.nmt-steps__step') ===
                       document.querySelectorAll('.nmt-steps__step')[n - 1]; }""", number):
            return
    pytest.fail(f"Tab never reached the summary of step {number}")


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_keyboard_opens_and_closes_a_step(page, site_url, key):
    page.goto(site_url + STEP_2)
    focus_summary(page, 3)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused step shows no focus ring"
    page.keyboard.press(key)
    assert state(page)[2]["open"] and state(page)[2]["bodyVisible"]
    page.keyboard.press(key)
    assert not state(page)[2]["open"]
    focus_summary(page, 4)   # the current step stays as it was
    assert [s["open"] for s in state(page)] == [False, True, False, False, False, False]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_show_all_opens_every_step_and_closes_them_again(page, site_url, language):
    page.goto(site_url + ("en/" if language == "en" else "") + STEP_2)
    show, hide = SHOW_ALL[language]
    button = page.locator("button.nmt-steps__toggle")
    assert button.count() == 1 and button.inner_text() == show and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert all(s["open"] and s["bodyVisible"] for s in state(page))
    assert button.inner_text() == hide and button.get_attribute("aria-expanded") == "true"
    button.click()
    assert not any(s["open"] for s in state(page))
    assert button.inner_text() == show
    # Opening every step by hand makes it the "hide" button too.
    for summary in page.locator(".nmt-steps summary").all():
        summary.click()
    expect(button).to_have_text(hide)   # the details' toggle events come a moment later
    expect(button).to_have_attribute("aria-expanded", "true")
    assert not page.watch.errors, page.watch.errors


def test_without_javascript_the_steps_are_readable_and_open_on_their_own(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + STEP_2)
    assert page.locator("button.nmt-steps__toggle").count() == 0, "a control that cannot work without JavaScript"
    current = page.locator(".nmt-steps__step--current")
    assert current.locator(".nmt-steps__actions li").first.is_visible()
    assert "Ring 112" in current.inner_text()
    closed = page.locator(".nmt-steps__step").nth(4)
    assert not closed.locator(".nmt-steps__lead").is_visible()
    closed.locator("summary").click()
    assert closed.locator(".nmt-steps__lead").is_visible()
    context.close()


def test_on_paper_every_step_is_open_and_the_button_is_gone(browser, site_url):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(site_url + STEP_2)
        page.emulate_media(media="print")
        leads = page.locator(".nmt-steps__lead")
        assert leads.count() == 6 and all(leads.nth(i).is_visible() for i in range(6)), javascript
        assert all(page.locator(".nmt-steps__actions").nth(i).is_visible() for i in range(6))
        assert not page.locator("button.nmt-steps__toggle").is_visible()
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", [STEP_2, "en/samverkan/betanketid/", "samverkan/"], ids=["step", "of-a-step", "overview"])
def test_axe_finds_nothing_with_the_steps_closed_and_all_open(browser, site_url, viewport, path):
    context = browser.new_context(viewport=viewport, bypass_csp=True)   # axe-core is not one of the site's scripts
    page = context.new_page()
    page.goto(site_url + path)
    assert axe_violations(page) == []
    page.locator("button.nmt-steps__toggle").click()
    assert axe_violations(page) == []
    context.close()


def test_the_guide_fits_a_phone_screen(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + STEP_2)
    page.locator("button.nmt-steps__toggle").click()
    overflow = page.evaluate("""() => [...document.querySelectorAll('.nmt-steps, .nmt-steps *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map(e => e.className || e.tagName)""")
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_offline_from_file_the_guide_opens_closes_and_links(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto((offline_site / "samverkan" / "akut-skydd.html").as_uri())
    assert [s["current"] for s in state(page)] == [False, True, False, False, False, False]
    button = page.locator("button.nmt-steps__toggle")
    button.click()
    assert all(s["open"] for s in state(page))
    button.click()
    page.locator(".nmt-steps summary").nth(5).click()
    assert state(page)[5]["open"]
    with page.expect_navigation():
        page.locator(".nmt-steps__step").nth(5).locator("a").click()
    assert page.url == (offline_site / "samverkan" / "tryggt-atervandande.html").as_uri()
    assert state(page)[5]["current"]
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [STEP_2, "en/samverkan/betanketid/"], ids=["sv-step-2", "en-betanketid"])
def test_screenshots_of_the_guide_for_review(browser, site_url, viewport, path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"steps-{path.strip('/').replace('/', '-')}-{viewport['width']}"
    guide = page.locator(".nmt-steps")
    guide.scroll_into_view_if_needed()
    page.wait_for_timeout(500)   # Material's header changes its title while scrolling
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    guide.screenshot(path=str(ARTIFACTS / f"{name}-guide.png"))
    assert (ARTIFACTS / f"{name}-guide.png").stat().st_size > 5_000
    assert ROOT in ARTIFACTS.parents
    context.close()
