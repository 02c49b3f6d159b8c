"""The maintenance report for the fixture handbook (tests/fixtures/maintenance)
on 21 June 2027: every kind of item, per owner, with file:line and what to
do; its links answered by a test server on 127.0.0.1."""
from __future__ import annotations

import datetime
import subprocess
import sys

import pytest

from linkcheck_external import Hosts, LinkCheck, check_links, external_links
from links_server import ROOT, closed_port, fixture_docs, links_server  # noqa: F401  (a fixture)
from maintenance_report import Report, make_report, print_report, render

TODAY = datetime.date(2027, 6, 21)
MORNING = datetime.datetime(2027, 6, 21, 4, 17, tzinfo=datetime.timezone.utc).timestamp()
HOUR = 3600


def report_for(docs, runs=(MORNING,)) -> Report:
    """The report after link checks at the given times (each run uses the previous one's cache)."""
    places, cache = external_links(docs), {}
    for now in runs:
        check = check_links(places, cache, now, Hosts(timeout=0.5, pause=0))
        cache = check.links
    return make_report(docs, TODAY, 12, ["sv", "en"], places, check)


def section(text: str, heading: str) -> list[str]:
    """The lines under a `## ` heading, up to the next one."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line]


@pytest.fixture
def docs(tmp_path, links_server):
    return fixture_docs(tmp_path, links_server.base)


def test_reviews_and_law_changes_per_owner_with_file_line_and_what_to_do(docs):
    text = render(report_for(docs))
    owners = [line for line in text.splitlines() if line.startswith("## ")]
    # A translation goes under its Swedish page's owner: no "Editorial team" or "Legal team" group.
    assert owners == ["## Ägare: Juristerna (8)", "## Ägare: Redaktionen (8)", "## Datafiler och sidor utan ägare (1)",
                      "## Kunde inte kontrolleras automatiskt", "## English summary"]
    lawyers = section(text, "## Ägare: Juristerna (8)")
    assert lawyers[:5] == [
        "### Lagen har ändrats efter granskningen",
        "- `docs/lag.en.md:11` (”The law”): 5 kap. 15 § i Utlänningslag \\(2005:716\\) ändrades 2027-05-01 "
        "(SFS 2027:100). Sidan granskades 2027-01-10, före ändringen. Gör så här: läs sidan mot den nya lagtexten, "
        "rätta det som inte stämmer och skriv dagens datum i `reviewed:` (rad 5).",
        "- `docs/lag.md:11` (”Lagen”): 5 kap. 15 § i Utlänningslag \\(2005:716\\) ändrades 2027-05-01 (SFS 2027:100). "
        "Sidan granskades 2027-01-10, före ändringen. Gör så här: läs sidan mot den nya lagtexten, rätta det som "
        "inte stämmer och skriv dagens datum i `reviewed:` (rad 5).",
        "### Lagändringar som börjar gälla inom 60 dagar",
        "- `docs/lag.en.md:11` (”The law”): 5 kap. 15 § i Utlänningslag \\(2005:716\\) ändras 2027-08-01, om 41 dagar "
        "(SFS 2027:200, prop. 2026/27:20; registret: `docs/statutes.yml:17`). Gör så här: läs ändringen och se "
        "till att sidan säger vad som gäller före och efter 2027-08-01. Sidan visar redan rutan Kommande ändring.",
    ]
    assert "2027-12-01" not in text  # more than 60 days ahead
    editors = section(text, "## Ägare: Redaktionen (8)")
    assert editors[:5] == [
        "### Granskning som är försenad eller ska göras inom 30 dagar",
        "- `docs/gammal.en.md:5` (”Old page”): sidan skulle ha granskats senast 2027-03-01, för 112 dagar sedan. "
        "Gör så här: läs sidan mot källorna, rätta det som inte stämmer och skriv dagens datum i `reviewed:`.",
        "- `docs/gammal.md:5` (”Gammal sida”): sidan skulle ha granskats senast 2027-03-01, för 112 dagar sedan. "
        "Gör så här: läs sidan mot källorna, rätta det som inte stämmer och skriv dagens datum i `reviewed:`.",
        "- `docs/index.en.md:5` (”Start”): sidan ska granskas senast 2027-07-01, om 10 dagar. "
        "Gör så här: läs sidan mot källorna, rätta det som inte stämmer och skriv dagens datum i `reviewed:`.",
        "- `docs/index.md:5` (”Start”): sidan ska granskas senast 2027-07-01, om 10 dagar. "
        "Gör så här: läs sidan mot källorna, rätta det som inte stämmer och skriv dagens datum i `reviewed:`.",
    ]


def test_outside_links_that_need_a_person_each_at_its_place(docs, links_server):
    base = links_server.base
    text = render(report_for(docs))
    per_owner = text.split("## Kunde inte kontrolleras automatiskt")[0]
    links = [line for line in per_owner.splitlines() if line.startswith("- `docs/") and "`http" in line]
    places = {line.split("`")[1]: line for line in links}
    assert sorted(places) == ["docs/gammal.en.md:11", "docs/gammal.md:11", "docs/glossary.yml:8",
                              "docs/index.en.md:11", "docs/index.md:11", "docs/lag.en.md:13", "docs/lag.en.md:8",
                              "docs/lag.md:13", "docs/lag.md:8"]
    assert places["docs/index.md:11"] == (
        f"- `docs/index.md:11`: `{base}/old` har flyttats permanent (HTTP 301) till `{base}/new`. Gör så här: "
        "öppna den nya adressen, kontrollera att det är samma dokument och byt till den.")
    assert places["docs/lag.md:13"].startswith(f"- `docs/lag.md:13`: `{base}/missing` finns inte längre (HTTP 404, "
                                              "kontrollerad 2027-06-21 04:17 UTC). Gör så här: leta upp dokumentets")
    assert f"`{base}/removed` finns inte längre (HTTP 410" in places["docs/lag.md:8"]
    assert places["docs/gammal.md:11"] == (
        f"- `docs/gammal.md:11`: `{base}/moved-home` leder nu till webbplatsens startsida `{base}/`, så dokumentet "
        "har troligen flyttats. Gör så här: leta upp dokumentet på webbplatsen och byt till dess nya adress, eller "
        "ta bort länken om det inte finns kvar.")
    assert section(text, "## Datafiler och sidor utan ägare (1)")[1].startswith(
        f"- `docs/glossary.yml:8`: `{base}/glossary-source` finns inte längre (HTTP 410")
    # Working links (also the one whose server refuses HEAD) are not listed; the timeout waits for a second check.
    assert f"{base}/ok`" not in text and "head-refused" not in text and "/slow" not in text
    assert section(text, "## Kunde inte kontrolleras automatiskt") == [
        f"- `docs/gammal.en.md:13`: `{base}/private/rapport`: webbplatsens robots.txt ber program som vårt att inte "
        "hämta adressen. Gör så här: öppna länken själv då och då och kontrollera att den fungerar.",
        f"- `docs/gammal.md:13`: `{base}/private/rapport`: webbplatsens robots.txt ber program som vårt att inte "
        "hämta adressen. Gör så här: öppna länken själv då och då och kontrollera att den fungerar."]
    assert ("**Länkar till källor:** 10 adresser, 10 kontrollerade nu och 0 från en körning de senaste dagarna. "
            "2 svarade inte den här gången; de kontrolleras igen om några timmar och kommer med i rapporten bara om "
            "de inte fungerar då heller.") in text.splitlines()


def test_a_link_that_fails_again_hours_later_is_reported_with_both_times(docs, links_server):
    text = render(report_for(docs, runs=(MORNING, MORNING + 6 * HOUR)))
    assert ("- `docs/gammal.md:8` (”Gammal sida”)" not in text
            and f"- `docs/gammal.md:8`: `{links_server.base}/slow` fungerar inte (servern svarade inte i tid; "
                "kontrollerad 2027-06-21 04:17 UTC och 2027-06-21 10:17 UTC). Gör så här: öppna länken. Fungerar den "
                "inte, leta upp dokumentets nya adress eller ta bort länken." in text.splitlines())
    # The register's address never connected: a data file's item, with the reason in words.
    assert "`docs/statutes.yml:4`: `https://127.0.0.1:" in text and "servern gick inte att nå" in text


def test_the_english_summary_counts_what_is_listed(docs):
    text = render(report_for(docs))
    assert section(text, "## English summary")[0] == (
        "Maintenance report of 2027-06-21: 17 items for 3 owner group(s): 2 pages whose cited law changed after "
        "their review, 4 pages overdue for review or due within 30 days, 2 pages citing a law change that applies "
        "within 60 days, 9 places with an outside link to change. Outside links: 10 addresses, 10 checked in this run; "
        "2 failed once and are checked again in a few hours before they are reported; 2 places cannot be checked "
        "by a program. The items above are in Swedish, grouped per owner; each says where (file:line) and what to do.")


def test_without_internet_the_report_says_so_in_one_line_and_lists_the_rest(tmp_path):
    docs = fixture_docs(tmp_path, f"http://127.0.0.1:{closed_port()}")
    cache = tmp_path / "cache.json"
    result = subprocess.run([sys.executable, "scripts/maintenance_report.py", "--docs", str(docs), "--today",
                             "2027-06-21", "--cache", str(cache)], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if "internet" in line] == [
        "**Länkar till källor:** kontrollerades inte, eftersom datorn saknar internetanslutning.",
        "Maintenance report of 2027-06-21: 8 items for 2 owner group(s): 2 pages whose cited law changed after their "
        "review, 4 pages overdue for review or due within 30 days, 2 pages citing a law change that applies within "
        "60 days. Outside links were not checked: no internet connection. The items above are in Swedish, grouped "
        "per owner; each says where (file:line) and what to do."]
    assert "- `docs/index.md:5` (”Start”): sidan ska granskas senast 2027-07-01, om 10 dagar." in result.stdout
    assert not cache.exists() and result.stderr == ""


HOSTILE_OWNER = "owner: |\n  Redaktionen\n  ::error file=x::hijacked\n  @nmt-handbok/alla [klicka](javascript:alert(1))\n"


def test_editor_values_stay_on_one_line_and_cannot_command_the_runner(tmp_path, capsys, monkeypatch):
    docs = fixture_docs(tmp_path, f"http://127.0.0.1:{closed_port()}")
    page = docs / "gammal.md"
    page.write_text(page.read_text("utf-8").replace("owner: Redaktionen\n", HOSTILE_OWNER), "utf-8")
    report = make_report(docs, TODAY, 12, ["sv", "en"], {}, LinkCheck({}, 0, offline=True))
    text = render(report)
    assert not [line for line in text.splitlines() if line.startswith("::")]
    heading = next(line for line in text.splitlines() if "hijacked" in line)
    assert heading == ("## Ägare: Redaktionen ::error file=x::hijacked @\u2060nmt-handbok/alla "
                       "\\[klicka\\]\\(javascript:alert\\(1\\)\\) (2)")
    # In GitHub Actions the runner reads no commands from the report at all.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    print_report(text)
    printed = capsys.readouterr().out.splitlines()
    token = printed[0].removeprefix("::stop-commands::")
    assert len(token) == 32 and printed[-1] == f"::{token}::" and printed[1:-1] == text.splitlines()
