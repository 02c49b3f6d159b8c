"""The 'Gäller för' line on a phone: visible under the title, and a tap leads to the profession page."""
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path, label, target", [
    ("samverkan/barn/", "polis", "yrken/polis/"),
    ("en/samverkan/barn/", "police", "en/yrken/polis/"),
])
def test_the_profession_line_is_under_the_title_and_leads_to_the_profession_page(browser, site_url, path, label,
                                                                                 target):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + path)
    line = page.locator(".nmt-applies-to")
    assert line.is_visible()
    title_box, line_box = page.locator("article h1").bounding_box(), line.bounding_box()
    assert title_box["y"] < line_box["y"] < 844  # under the title, on the first screen
    line.get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()
    assert page.url == site_url + target
    assert page.locator("#pages-for-you").is_visible()
    assert page.locator("#pages-for-you ~ ul a", has_text="Barn" if "en/" not in path else "Children").count() >= 1
    context.close()
