"""The query words our search worker hands to Material (swedish-query.js)."""
import pytest

from project import ROOT

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "workers" / "swedish-query.js"


@pytest.mark.parametrize("query,expected", [
    ("människohandeln", "människohandel"),
    ("betänketiden", "betänketid"),
    ("uppehållstillståndet", "uppehållstillstånd"),
    ("regionkoordinatorerna", "regionkoordinator"),
    ("medlemmarna", "medlem"),          # plural ending, then the doubled consonant
    ("jämställdhetsmyndighetens", "jämställdhetsmyndig"),  # -hetens goes; still a prefix of the noun
    ("NMT:s historia", "nmt histori"),
    ("barn", "barn"),                   # short words keep their ending
    ("sexköp", "sexköp"),
    ("+polisen -åklagaren", "+polisen -åklagaren"),  # search syntax is left alone
])
def test_swedish_endings_are_stripped_so_prefix_search_finds_every_form(page, query, expected):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    assert page.evaluate("q => nmtSwedishQuery(q)", query) == expected
