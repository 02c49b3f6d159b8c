"""A region's files are editor input (issue 26): region.yml and every supplement are checked like
pages, and every refusal names the region's file and line in plain words.

The checks run on the real site's configuration and registers (glossary,
statutes, redirects), with a region written into a temporary folder per test.
One strict build with a hostile region shows that the build itself refuses
it with file:line and no traceback.
"""
import dataclasses
import datetime
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from nmt.core.site_facts import ROOT
from nmt.core.site_facts import load_site_config
from nmt.core.state import Build
from nmt.registers import glossary, redirects, regions, statutes

FIXTURE = ROOT / "tests" / "fixtures" / "regions" / "testregionen"
TODAY = datetime.date.today()
GOOD_FRONT_MATTER = textwrap.dedent("""\
    ---
    owner: Testregionens samordning (testdata)
    reviewed: 2026-11-30
    sources:
      - title: Testregionen (påhittad)
        url: https://testregionen.example/rutin
    ---
    """)


@pytest.fixture(scope="module")
def site():
    """(config, build) of the real offline copy, with its registers loaded."""
    config = load_site_config(ROOT / "mkdocs-offline.yml")
    build = Build(preview=False, today=TODAY, revision=None, default_language="sv", languages=["sv", "en"])
    for register in (statutes, glossary, redirects):
        register.load(build, config)
    return config, build


def region_with(tmp_path, files: dict[str, str]):
    """A copy of the fixture region with these files (relative paths) written or replaced."""
    folder = tmp_path / "region"
    shutil.copytree(FIXTURE, folder)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def read(folder, site):
    config, build = site
    text = (folder / "region.yml").read_text("utf-8")
    deny = config.extra["link_policy"]["deny"]
    return regions.read_region(text, "region.yml", folder, ["sv", "en"], deny, TODAY, 12)


def supplement_findings(folder, site):
    config, build = site
    region, findings = read(folder, site)
    assert region is not None, findings
    return regions.load_supplements(region, build, config), region


def messages(findings):
    return [str(finding) for finding in findings]


def test_the_fixture_region_is_read_with_its_contacts_and_supplements(site, tmp_path):
    findings, region = supplement_findings(region_with(tmp_path, {}), site)
    assert not findings, messages(findings)
    assert region.id == "testregionen" and region.name == {"sv": "Testregionen", "en": "Test Region"}
    assert [contact.phone for contact in region.contacts] == ["070-174 06 05", "070-174 06 06"]
    assert [contact.dial for contact in region.contacts] == ["+46701740605", "+46701740606"]
    assert set(region.supplements) == {"samverkan/akut-skydd.md", "samverkan/akut-skydd.en.md"}


@pytest.mark.parametrize("written,shown", [
    ("070-174 06 99", "070-174 06 99"),     # PTS's range for fiction
    ("+46 70 174 06 50", "070-174 06 50"),
    ("112", "112"),                          # a Swedish short number
])
def test_swedish_phone_numbers_are_accepted(written, shown):
    assert regions.phone_number(written)[0::2] == (shown, None)


@pytest.mark.parametrize("written", ["070-174", "0000-00", "+1 202 555 0100", "ring oss", "070-174 06 05 eller 06",
                                     "javascript:alert(1)", "1" * 200, True, 3.5])
def test_what_is_not_a_swedish_phone_number_is_refused(written):
    shown, dial, problem = regions.phone_number(written)
    assert shown is None and dial is None and "phone" in problem and "\n" not in problem


REGION_YML_REFUSALS = [  # (old text in region.yml, new text, line of the finding, words in the message)
    ("    phone: 070-174 06 05", "    phone: 070-17", 21, "not a Swedish phone number"),
    ("    url: https://testregionen.example/regionkoordinator", "    url: javascript:alert(1)", 22, "https"),
    ("    url: https://testregionen.example/regionkoordinator", "    url: https://bit.ly/x", 22, "bit.ly"),
    ("owner: Testregionens samordning (testdata)", "owner: Testregionens samordning (testdata)\nboss: Anna Andersson",
     10, "unknown key 'boss'"),
    ("reviewed: 2026-11-30", "reviewed: 2026-11-30\nreviewed: 2026-12-01", 11, "appears twice"),
    ("id: testregionen", "id: Test Regionen", 5, "lower-case"),
    ("  sv: Testregionen", "  sv: <script>alert(1)</script>", 7, "markup"),
    ("    phone: 070-174 06 06", "    fax: 070-174 06 06", 30, "unknown key 'fax'"),
]


@pytest.mark.parametrize("old,new,line,words", REGION_YML_REFUSALS)
def test_hostile_region_yml_is_refused_with_its_line(site, tmp_path, old, new, line, words):
    text = (FIXTURE / "region.yml").read_text("utf-8")
    assert old in text
    folder = region_with(tmp_path, {"region.yml": text.replace(old, new, 1)})
    region, findings = read(folder, site)
    assert region is None
    assert any(finding.line == line and words in finding.message for finding in findings), messages(findings)


SUPPLEMENT_REFUSALS = [  # (body of docs/samverkan/akut-skydd.md after the front matter, line, words)
    ("Text.\n\n<script>alert(1)</script>\n", 11, "script"),
    ("Text.\n\n[Klicka](javascript:alert(1))\n", 11, "javascript"),
    ("Text.\n\n<p onclick=\"alert(1)\">x</p>\n", 11, "onclick"),
    ("Text.\n\n[Kontakt](http://testregionen.example/)\n", 11, "http"),
    ("Text.\n\n## Egen rubrik\n", 11, "start at '### '"),
    ("Text.\n\n<!-- nmt:build-facts -->\n", 11, "markers"),
    ("Text.\n\n[[okänt begrepp]]\n", 11, "unknown glossary term"),
    ("Text.\n\n[Sidan](finns-inte.md)\n", 11, "no page of the handbook"),
    ("Text.\n\n[Lagen](sfs:1999:999)\n", 11, "not in docs/statutes.yml"),
    ("Text.\n\n### I korthet {#in-short}\n", 11, "already used on the national page"),
]


@pytest.mark.parametrize("body,line,words", SUPPLEMENT_REFUSALS)
def test_hostile_supplement_is_refused_with_the_regions_file_and_line(site, tmp_path, body, line, words):
    folder = region_with(tmp_path, {"docs/samverkan/akut-skydd.md": GOOD_FRONT_MATTER + "\n" + body})
    findings, region = supplement_findings(folder, site)
    path = f"{regions.shown_path(folder)}/docs/samverkan/akut-skydd.md"
    assert any(finding.path == path and finding.line == line and words in finding.message
               for finding in findings), messages(findings)
    if any(finding.level == "error" for finding in findings if finding.path == path):
        assert "samverkan/akut-skydd.md" not in region.supplements   # never on the page


def test_a_supplement_needs_owner_reviewed_and_sources(site, tmp_path):
    folder = region_with(tmp_path, {"docs/samverkan/akut-skydd.md": "---\nowner: X\n---\n\nText.\n"})
    findings, region = supplement_findings(folder, site)
    text = " ".join(messages(findings))
    assert "'reviewed' is missing" in text and "'sources' is missing" in text


def test_a_supplement_for_a_page_that_does_not_exist_is_refused(site, tmp_path):
    folder = region_with(tmp_path, {"docs/samverkan/finns-inte.md": GOOD_FRONT_MATTER + "\nText.\n",
                                    "docs/samverkan/finns-inte.en.md": GOOD_FRONT_MATTER + "\nText.\n"})
    findings, region = supplement_findings(folder, site)
    missing = [finding for finding in findings if finding.path.endswith("docs/samverkan/finns-inte.md")]
    assert missing and "there is no national page samverkan/finns-inte.md" in missing[0].message
    assert "samverkan/finns-inte.md" not in region.supplements


def test_a_supplement_for_a_moved_page_says_where_it_went(site, tmp_path):
    config, build = site
    old, new = "samverkan/skydd-gammal.md", "samverkan/akut-skydd.md"   # as docs/redirects.yml would say
    moved_site = (config, dataclasses.replace(build, redirects={old: new}))
    folder = region_with(tmp_path, {f"docs/{old}": GOOD_FRONT_MATTER + "\nText.\n"})
    findings, _ = supplement_findings(folder, moved_site)
    moved = [finding for finding in findings if finding.path.endswith(f"docs/{old}")]
    assert moved and f"has moved to {new}" in moved[0].message and f"docs/{new}" in moved[0].message


def test_translation_parity_applies_within_the_region(site, tmp_path):
    folder = region_with(tmp_path, {})
    (folder / "docs" / "samverkan" / "akut-skydd.en.md").unlink()
    findings, _ = supplement_findings(folder, site)
    assert any("has no English translation" in finding.message and "akut-skydd.en.md" in finding.message
               for finding in findings), messages(findings)


def test_only_supplements_belong_in_the_regions_docs(site, tmp_path):
    folder = region_with(tmp_path, {"docs/samverkan/skript.js": "alert(1)"})
    findings, _ = supplement_findings(folder, site)
    assert any(finding.path.endswith("skript.js") and "supplements only" in finding.message for finding in findings)


def test_an_overdue_supplement_is_in_the_review_list(site, tmp_path):
    config, build = site
    old = GOOD_FRONT_MATTER.replace("reviewed: 2026-11-30", "reviewed: 2020-01-15")
    folder = region_with(tmp_path, {"docs/samverkan/akut-skydd.md": old + "\nText.\n"})
    findings, region = supplement_findings(folder, site)
    review = Build(preview=False, today=TODAY, revision=None, default_language="sv", languages=["sv", "en"])
    regions.record_reviews(region, review, config)
    entry = review.review_entries["sv:region:testregionen:samverkan/akut-skydd.md"]
    assert entry["status"] == "overdue" and entry["next_review"] == "2021-01-15"
    assert entry["path"].endswith("docs/samverkan/akut-skydd.md")


def test_the_build_refuses_a_hostile_supplement_with_file_and_line(tmp_path):
    """The real build: a script in a supplement fails the strict build, named at the region's
    file and line, and no traceback."""
    folder = region_with(tmp_path, {"docs/samverkan/akut-skydd.md":
                                    GOOD_FRONT_MATTER + "\nText.\n\n<script>alert(1)</script>\n"})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NMT_REGION": str(folder)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml",
                             "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines()
             if f"{regions.shown_path(folder)}/docs/samverkan/akut-skydd.md:11: " in line]
    assert lines and "script" in lines[0], result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "alert(1)" not in (tmp_path / "site" / "samverkan" / "akut-skydd.html").read_text("utf-8") \
        if (tmp_path / "site" / "samverkan" / "akut-skydd.html").exists() else True


def test_region_outside_the_offline_copy_is_refused(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NMT_REGION": str(FIXTURE)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "REGION is for a region's offline copy" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("make_folder,words", [
    (lambda tmp: tmp / "finns-inte", "is not a folder"),
    (lambda tmp: tmp, "has no region.yml"),
])
def test_a_wrong_region_folder_is_named(tmp_path, make_folder, words):
    region_id, problem = regions.region_id(make_folder(tmp_path))
    assert region_id is None and words in problem
