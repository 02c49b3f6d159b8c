"""The offline copy's prebuilt search index (hooks/nmt/search/prebuilt.py and
docs/assets/javascripts/workers/offline-index.js) is exactly the index lunr.js
builds in Material's worker, and the search it gives is the same.

prebuilt_index_matches_lunr.js runs our worker twice in Node (lunr building
the index from the entries, as online; and from the prebuilt parts) and
compares the two lunr indexes in full and the results of every term as a
query and as a prefix."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from project import ROOT
from nmt.search import per_language as search_per_language
from nmt.search import prebuilt as search_prebuilt

HARNESS = Path(__file__).with_name("prebuilt_index_matches_lunr.js")
WORKERS = ROOT / "docs" / "assets" / "javascripts" / "workers"


def compare(index_dir: Path, *queries: str) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: install it (README: set-up) to run this check.")
    finished = subprocess.run([node, str(HARNESS), str(search_prebuilt.material_javascripts()), str(WORKERS),
                               str(index_dir), *queries], capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_copys_prebuilt_index_is_lunrs_index(offline_site, language):
    folder = offline_site / ("search" if language == "sv" else "en/search")
    assert sorted(folder.glob("search_prebuilt-*.js")), "no prebuilt index in the offline copy"
    result = compare(folder)
    print(f"{language}: {result['documents']} field entries, {result['terms']} terms, {result['queries']} queries")
    assert result["used_prebuilt"], result
    assert result["same_index"], "the prebuilt index differs from the one lunr builds"
    assert not result["different"], f"different results for {result['different']}"


AWKWARD = [  # text Material's tokenizer handles in its own way
    {"location": "index.html", "title": "Människohandeln", "text": "<p>Människohandeln är ett brott.</p>"},
    {"location": "a.html", "title": "Stray > and < signs",
     "text": 'x > y < z och <p>nästlade <b>taggar <i>här</i></b> slut</p> efter<br/>radbrytning '
             '<img src="a.png" alt="bild"/> text <p>a</p><p>b</p> <ul><li>ett</li><li>två</li></ul> '},
    {"location": "a.html#b", "title": "Sektion\u00a0med\u00a0nbsp", "text": "</p>stray close <p>unclosed",
     "tags": ["etikett", "två ord", "Ärende-nr", ""]},
    {"location": "b.html", "title": "Emoji \U0001F600 ord \U0001D518\U0001D52B",
     "text": "<p>Emoji \U0001F600 och \U00010400 Deseret</p><table><tr><td>cell</td></tr></table>"},
    {"location": "c.html", "title": "\u0130stanbul \u03a3\u039f\u03a6\u039f\u03a3 Stra\u00dfe",
     "text": "<p>ZWSP a\u200bb, BOM \ufeffbom, FS \x1cfs, NEL \x85nel, tab\tord, vertical\x0btab, line\u2028sep</p>"},
    {"location": "d.html", "title": "", "text": ""},
    {"location": "e.html", "title": "Bara stoppord", "text": "och i att det som the and of", "tags": []},
    {"location": "f.html", "title": "Bindestreck-ord och --dubbla-- och - ensam",
     "text": "<code>x-y</code> e-post: a@b.se 1962:700 SFS-nummer constructor __proto__ toString"},
    {"location": "g.html", "title": "Lång", "text": "<p>" + "a" * 1100 + "</p>" + "<p>ord långt</p>" * 40},
    {"location": "h.html", "title": "Boost", "text": "boostad sida", "boost": 2.5},
    {"location": "i.html", "title": "Långt avstånd", "text": "<p>" + "ord " * 140_000 + "slut</p>"},
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_awkward_text_is_indexed_as_lunr_indexes_it(tmp_path, language):
    config = {"lang": [language], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
              "fields": {"tags": {"boost": 100}, "title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    search_per_language.write_index(tmp_path, {"config": config, "docs": AWKWARD}, offline=True)
    result = compare(tmp_path)
    assert result["used_prebuilt"] and result["same_index"], result
    assert not result["different"], f"different results for {result['different']}"


def test_what_cannot_be_reproduced_is_left_to_the_browser():
    config = {"lang": ["sv"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"text": {}}}
    docs = [{"location": "a.html", "text": "a"}]
    assert search_prebuilt.prebuild({"config": config, "docs": docs}) is not None
    for changed in ({"pipeline": ["stemmer", "stopWordFilter"]}, {"lang": ["sv", "en"]}, {"separator": "[\\p{L}]"},
                    {"lang": ["ja"]}):
        assert search_prebuilt.prebuild({"config": {**config, **changed}, "docs": docs}) is None, changed
    assert search_prebuilt.prebuild({"config": config, "docs": docs * 2}) is None  # the same location twice
    assert search_prebuilt.prebuild({"config": config, "docs": [{"location": "a.html", "text": 5}]}) is None
    # Without a prebuilt index the offline search_index.js holds every entry, as Material writes it.
    assert search_per_language.offline_index_script({"config": config, "docs": docs}, 0).startswith(
        'var __index = {"config":')


def test_separators_split_as_javascript_splits():
    # Expected: what Chromium's and Node's RegExp give in Material's split().
    text = "a\u00a0b\ufeffc\x1cd\x85e-f"
    space = search_prebuilt.js_regex("[\\s\\-]+")
    assert [text[a:b] for a, b in search_prebuilt.split(text, space)] == ["a", "b", "c\x1cd\x85e", "f"]
    camel = search_prebuilt.js_regex("[\\s\\-,:!=\\[\\]()\"/]+|(?!\\b)(?=[A-Z][a-z])|\\.(?!\\d)|&[lg]t;")
    text = "fooBar baz.Qux 1.5 äBc"
    assert [text[a:b] for a, b in search_prebuilt.split(text, camel)] == ["foo", "Bar", "baz", "Qux", "1.5", "äBc"]


def test_stop_words_come_from_materials_scripts():
    javascripts = search_prebuilt.material_javascripts()
    assert {"och", "att", "som"} <= search_prebuilt.stop_words("sv", javascripts)
    assert {"the", "and", "of"} <= search_prebuilt.stop_words("en", javascripts)
    assert search_prebuilt.stop_words("xx", javascripts) is None
