"""The weekly maintenance report: `make maintenance-report`.

Everything in the handbook that needs a person, in Swedish with an English
summary, grouped per owner (front matter `owner:`; a translation goes under
the owner of its Swedish page, so one team is one group):
- pages whose cited law changed after their review (the notice pages);
- pages overdue for review or due within 30 days;
- law changes in docs/statutes.yml that apply within 60 days, on every page
  that cites the changed provision;
- outside links that are gone, have moved or stopped working
  (scripts/linkcheck_external.py: polite, cached, a failure counts only when
  seen twice a few hours apart).
Each item says where (file:line) and what to do. Without internet the report
says so in one line and lists the rest.

In GitHub Actions (.github/workflows/maintenance.yml) the report also goes to
the job summary ($GITHUB_STEP_SUMMARY), and with --github-issue it keeps one
open issue up to date with the workflow's own token.

Usage: python scripts/maintenance_report.py [--docs DIR] [--today YYYY-MM-DD] [--cache FILE] [--github-issue]
"""
from __future__ import annotations

import argparse
import datetime
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]

from nmt.core.dates import date_argument, parse_date
from nmt.core.escape import markdown_text
from nmt.core.yaml_lines import YamlProblem, line_in, read_front_matter
from linkcheck_external import (CACHE, FAILED, GONE, HOME, MOVED, UNCHECKED, Hosts,
                                LinkCheck, check_links, confirmed, external_links, load_cache, save_cache, waiting,
                                when)
from nmt.output.review_dates import DUE_SOON_DAYS
from review_report import PageReview, page_reviews
from nmt.core.site_facts import default_language_page, load_site_config, site_languages
from nmt.blocks.statute_text import citation_lines, label
from nmt.registers.statutes import STATUTE_FILE

COMING_DAYS = 60
MARKER = "<!-- nmt:maintenance-report -->"  # how the workflow finds its issue again
BOT = "github-actions[bot]"  # the author of issues opened with the workflow's GITHUB_TOKEN
ISSUE_TITLE = "Underhållsrapport: det här behöver göras i handboken"
ISSUE_BYTES = 65536  # GitHub's limit for an issue body (characters; bytes are never fewer)
SUMMARY_BYTES = 1024 * 1024  # GitHub's limit for a step summary
REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
BACKTICKS = re.compile(r"`+")

LAW_CHANGED, REVIEW, COMING, LINK = "law-changed", "review", "coming", "link"
SECTIONS = {  # in the order owners read them
    LAW_CHANGED: ("Lagen har ändrats efter granskningen", "pages whose cited law changed after their review"),
    REVIEW: (f"Granskning som är försenad eller ska göras inom {DUE_SOON_DAYS} dagar",
             f"pages overdue for review or due within {DUE_SOON_DAYS} days"),
    COMING: (f"Lagändringar som börjar gälla inom {COMING_DAYS} dagar",
             f"pages citing a law change that applies within {COMING_DAYS} days"),
    LINK: ("Länkar som behöver ändras", "places with an outside link to change"),
}
NO_OWNER = ""
AFTER_REVIEW = ("Gör så här: läs sidan mot källorna, rätta det som inte stämmer och skriv dagens datum i "
                "`reviewed:`.")


# --- Editor values in the report ------------------------------------------------------

def days(count: int) -> str:
    return f"{count} dag" if count == 1 else f"{count} dagar"


def one_line(value) -> str:
    """Every run of whitespace, line breaks included (also U+2028, U+0085), as one space."""
    return " ".join(str(value).split())


def plain(value) -> str:
    """An editor's value as plain text in Markdown on one line: no markup, no @mention."""
    return markdown_text(one_line(value)).replace("@", "@\u2060")


def code(value) -> str:
    """A path or an address as a code span: never a link, a mention or markup, whatever it contains."""
    text = one_line(value)
    fence = "`" * (max((len(run) for run in BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- What needs a person ------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    owner: str  # the group: the owner of the page's default-language version, or NO_OWNER
    section: str
    place: str  # docs/file.md:LINE
    order: tuple  # within its section
    text: str  # Swedish Markdown, one line: what is wrong and what to do


def front_matter(text: str) -> dict:
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return {}  # the build says what is wrong with it
    return meta if isinstance(meta, dict) else {}


def owners(reviews: list[PageReview]) -> dict[str, str]:
    """docs/page.md → its owner, as written."""
    return {review.path: one_line(front_matter(review.text).get("owner") or "") for review in reviews}


def group_of(path: str, owner_of: dict[str, str]) -> str:
    """A translation belongs to its default-language page's owner (one team, one group)."""
    return owner_of.get(default_language_page(path)) or owner_of.get(path) or NO_OWNER


def page_label(review: PageReview, line: int) -> str:
    title = front_matter(review.text).get("title")
    return code(f"{review.path}:{line}") + (f" (”{plain(title)}”)" if title else "")


def reviewed_line(review: PageReview) -> int:
    return line_in(front_matter(review.text), "reviewed", 1)


def provision_place(review: PageReview, change) -> tuple[int, str]:
    """The first line citing the changed provision (else the `reviewed:` line), and the others in words."""
    lines = citation_lines(review.text, change.statute, change.provision) or [reviewed_line(review)]
    others = f" (hänvisningar på rad {', '.join(map(str, lines))})" if len(lines) > 1 else ""
    return lines[0], others


def law_changed_item(review: PageReview, group: str) -> Item:
    reviewed = front_matter(review.text).get("reviewed")
    line, others = provision_place(review, review.changed[-1])
    what = "; ".join(f"{plain(label(change.statute, change.provision, 'sv'))} ändrades "
                     f"{change.applies_from.isoformat()} (SFS {plain(change.change['sfs'])})"
                     for change in reversed(review.changed))
    text = (f"{page_label(review, line)}: {what}. Sidan granskades {plain(reviewed)}, före ändringen{others}. "
            f"Gör så här: läs sidan mot den nya lagtexten, rätta det som inte stämmer och skriv dagens datum i "
            f"`reviewed:` (rad {reviewed_line(review)}).")
    return Item(group, LAW_CHANGED, f"{review.path}:{line}", (review.path,), text)


def review_item(review: PageReview, group: str, today: datetime.date) -> Item | None:
    entry = review.entry
    state = entry.get("review_status", entry["status"])
    if state not in ("overdue", "due-soon"):
        return None
    due = parse_date(entry["next_review"])   # written by review_dates.review_entry: always a date
    apart = days(abs((due - today).days))
    when_due = (f"skulle ha granskats senast {due.isoformat()}, för {apart} sedan" if state == "overdue"
                else f"ska granskas senast {due.isoformat()}, om {apart}")
    line = reviewed_line(review)
    return Item(group, REVIEW, f"{review.path}:{line}", (due, review.path),
                f"{page_label(review, line)}: sidan {when_due}. {AFTER_REVIEW}")


def coming_item(review: PageReview, group: str, change, today: datetime.date, register: str) -> Item:
    line, others = provision_place(review, change)
    day, entry = change.applies_from.isoformat(), f"{register}:{line_in(change.change, 'applies_from')}"
    text = (f"{page_label(review, line)}: {plain(label(change.statute, change.provision, 'sv'))} ändras {day}, "
            f"om {days((change.applies_from - today).days)} (SFS {plain(change.change['sfs'])}, "
            f"{plain(change.change['bill'])}; registret: {code(entry)}){others}. Gör så här: läs ändringen och se "
            f"till att sidan säger vad som gäller före och efter {day}. Sidan visar redan rutan Kommande ändring.")
    return Item(group, COMING, f"{review.path}:{line}", (change.applies_from, review.path), text)


def page_items(reviews: list[PageReview], today: datetime.date, register: str) -> list[Item]:
    owner_of, items = owners(reviews), []
    horizon = today + datetime.timedelta(days=COMING_DAYS)
    for review in reviews:
        if review.entry is None:
            continue  # no usable dates: the build reports the page
        group = group_of(review.path, owner_of)
        if review.changed:
            items.append(law_changed_item(review, group))
        if item := review_item(review, group, today):
            items.append(item)
        items += [coming_item(review, group, change, today, register)
                  for change in review.coming if change.applies_from <= horizon]
    return items


def failure_reason(status: str) -> str:
    """Why a check failed, in Swedish."""
    if status == "timeout":
        return "servern svarade inte i tid"
    if status == "no connection":
        return "servern gick inte att nå"
    if status.startswith("robots.txt: "):
        return f"{failure_reason(status.removeprefix('robots.txt: '))} när robots.txt skulle hämtas"
    return plain(status)


def link_text(url: str, entry: dict) -> str | None:
    """What is wrong with a link and what to do, in Swedish; None when nothing is to be done (yet)."""
    result = entry["outcome"]
    kind, status, target = result["kind"], plain(result["status"]), result.get("to") or result.get("at")
    if kind == GONE:
        after = f" efter omdirigering till {code(target)}" if target else ""
        return (f"{code(url)} finns inte längre ({status}{after}, kontrollerad {when(entry['checked'])}). "
                "Gör så här: leta upp dokumentets nya, permanenta adress och byt länken, eller ta bort länken om "
                "dokumentet inte finns kvar.")
    if kind == MOVED:
        return (f"{code(url)} har flyttats permanent ({status}) till {code(target)}. Gör så här: öppna den nya "
                "adressen, kontrollera att det är samma dokument och byt till den.")
    if kind == HOME:
        return (f"{code(url)} leder nu till webbplatsens startsida {code(target)}, så dokumentet har troligen "
                "flyttats. Gör så här: leta upp dokumentet på webbplatsen och byt till dess nya adress, eller ta "
                "bort länken om det inte finns kvar.")
    if kind == FAILED and confirmed(entry):
        return (f"{code(url)} fungerar inte ({failure_reason(result['status'])}; kontrollerad "
                f"{when(entry['first_failed'])} och {when(entry['checked'])}). Gör så här: öppna länken. "
                "Fungerar den inte, leta upp dokumentets nya adress eller ta bort länken.")
    return None


def unchecked_text(url: str, entry: dict) -> str | None:
    if entry["outcome"]["kind"] != UNCHECKED:
        return None
    status = entry["outcome"]["status"]
    why = ("webbplatsens robots.txt ber program som vårt att inte hämta adressen" if status == "robots.txt"
           else f"servern nekar automatiska kontroller ({plain(status)})")
    return f"{code(url)}: {why}. Gör så här: öppna länken själv då och då och kontrollera att den fungerar."


def link_item(place: str, url: str, text: str, owner_of: dict[str, str]) -> Item:
    path, _, line = place.rpartition(":")
    return Item(group_of(path, owner_of), LINK, place, (path, int(line), url), f"{code(place)}: {text}")


def link_items(places: dict[str, list[str]], check: LinkCheck, owner_of: dict[str, str]) -> list[Item]:
    return [link_item(place, url, text, owner_of)
            for url, entry in check.links.items() if (text := link_text(url, entry)) for place in places[url]]


# --- The report ---------------------------------------------------------------------

@dataclass
class Report:
    today: datetime.date
    items: list[Item]
    addresses: int  # distinct outside addresses in the handbook
    check: LinkCheck
    unchecked: list[str]  # Swedish lines: links a program may not check

    @property
    def waiting(self) -> list[dict]:
        """Failures seen once, to be checked again in a few hours."""
        return [entry for entry in self.check.links.values() if waiting(entry)]

    @property
    def done(self) -> bool:
        """Nothing left to do (and the links were checked, so that is known)."""
        return not self.items and not self.check.offline


def make_report(docs: Path, today: datetime.date, months: int, languages: list[str],
                places: dict[str, list[str]], check: LinkCheck) -> Report:
    reviews = list(page_reviews(docs, months, today, languages))
    items = page_items(reviews, today, f"{docs.name}/{STATUTE_FILE}")
    items += link_items(places, check, owners(reviews))
    unchecked = sorted(f"{code(place)}: {text}" for url, entry in check.links.items()
                       if (text := unchecked_text(url, entry)) for place in places[url])
    return Report(today, items, len(places), check, unchecked)


def links_line(report: Report) -> str:
    """One line in Swedish on the outside links: checked or not, and why."""
    check = report.check
    if check.offline:
        return "**Länkar till källor:** kontrollerades inte, eftersom datorn saknar internetanslutning."
    line = (f"**Länkar till källor:** {report.addresses} adresser, {check.asked} kontrollerade nu och "
            f"{report.addresses - check.asked} från en körning de senaste dagarna.")
    if report.waiting:
        line += (f" {len(report.waiting)} svarade inte den här gången; de kontrolleras igen om några timmar och "
                 "kommer med i rapporten bara om de inte fungerar då heller.")
    return line


def english_summary(report: Report) -> str:
    counts = {section: sum(item.section == section for item in report.items) for section in SECTIONS}
    groups = len({item.owner for item in report.items})
    done = ("nothing to do" if not report.items else
            f"{len(report.items)} items for {groups} owner group(s): "
            + ", ".join(f"{count} {SECTIONS[section][1]}" for section, count in counts.items() if count))
    if report.check.offline:
        links = "Outside links were not checked: no internet connection."
    else:
        links = (f"Outside links: {report.addresses} addresses, {report.check.asked} checked in this run; "
                 f"{len(report.waiting)} failed once and are checked again in a few hours before they are reported; "
                 f"{len(report.unchecked)} places cannot be checked by a program.")
    guide = " The items above are in Swedish, grouped per owner; each says where (file:line) and what to do."
    return f"Maintenance report of {report.today.isoformat()}: {done}. {links}" + (guide if report.items else "")


def owner_heading(owner: str, count: int) -> str:
    who = f"Ägare: {plain(owner)}" if owner else "Datafiler och sidor utan ägare"
    return f"## {who} ({count})"


def render(report: Report) -> str:
    lines = [MARKER, f"# Underhållsrapport för NMT-handboken {report.today.isoformat()}", ""]
    if report.items:
        lines += [f"**Att göra:** {len(report.items)} punkter. Varje punkt säger var (fil:rad) och vad du ska göra.",
                  ""]
        lines += [f"- {title}: {count}" for section, (title, _) in SECTIONS.items()
                  if (count := sum(item.section == section for item in report.items))] + [""]
    else:
        lines += ["**Inget att göra just nu.**", ""]
    lines += [links_line(report), ""]
    for owner in sorted({item.owner for item in report.items}, key=lambda owner: (owner == NO_OWNER, owner)):
        own = [item for item in report.items if item.owner == owner]
        lines += [owner_heading(owner, len(own)), ""]
        for section, (title, _) in SECTIONS.items():
            listed = sorted((item for item in own if item.section == section), key=lambda item: item.order)
            if listed:
                lines += [f"### {title}", "", *(f"- {item.text}" for item in listed), ""]
    if report.unchecked:
        lines += ["## Kunde inte kontrolleras automatiskt", "", *(f"- {line}" for line in report.unchecked), ""]
    lines += ["## English summary", "", english_summary(report), "", "---",
              "Rapporten görs av `make maintenance-report` (`scripts/maintenance_report.py`)."]
    return "\n".join(lines) + "\n"


def shorten(text: str, limit: int, note: str) -> str:
    """The text cut after its last whole line that fits in `limit` bytes (UTF-8), with a note why."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len(note.encode("utf-8")) - 2
    kept = text.encode("utf-8")[:room].decode("utf-8", "ignore").rpartition("\n")[0]
    return f"{kept}\n\n{note}\n"


# --- Where the owners are: the job summary and one GitHub issue -------------------------

class GitHubProblem(Exception):
    """A GitHub call failed; the message is one line for the log."""


def print_report(text: str) -> None:
    """The report in the log. In GitHub Actions the runner reads no workflow commands from it (stop-commands)."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        print(text, end="")
        return
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}\n{text}::{token}::", flush=True)


def write_summary(text: str, run_url: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        note = f"Rapporten är för lång för sammanfattningen. Hela rapporten finns i loggen: {run_url}"
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(shorten(text, SUMMARY_BYTES, note))


def issue_body(text: str, run_url: str) -> str:
    note = f"Rapporten är för lång för ett ärende. Hela rapporten finns i körningens sammanfattning: {run_url}"
    return shorten(text, ISSUE_BYTES, note)


def find_issue(call, repository: str) -> dict | None:
    """The open issue this workflow keeps: opened by the workflow's bot, with the marker.

    An issue anyone else opened is never taken, even with the marker in it."""
    for page in range(1, 11):
        issues = call("GET", f"/repos/{repository}/issues?state=open&per_page=100&page={page}")
        for issue in issues:
            if ("pull_request" not in issue and (issue.get("user") or {}).get("login") == BOT
                    and MARKER in (issue.get("body") or "")):
                return issue
        if len(issues) < 100:
            return None
    return None


def sync_issue(report: Report, text: str, call, repository: str, run_url: str) -> str:
    """Open, edit or close the one maintenance issue; say what was done (one line)."""
    issue = find_issue(call, repository)
    path = f"/repos/{repository}/issues"
    if report.items:
        body = issue_body(text, run_url)
        if issue:
            call("PATCH", f"{path}/{issue['number']}", {"title": ISSUE_TITLE, "body": body})
            return f"Ärendet #{issue['number']} har uppdaterats."
        created = call("POST", path, {"title": ISSUE_TITLE, "body": body})
        return f"Ärendet #{created['number']} har skapats."
    if issue and report.done:
        call("PATCH", f"{path}/{issue['number']}",
             {"body": issue_body(text, run_url), "state": "closed", "state_reason": "completed"})
        return f"Ärendet #{issue['number']} har stängts: inget kvar att göra."
    if issue:  # nothing else, but the links could not be checked: keep it open
        call("PATCH", f"{path}/{issue['number']}", {"body": issue_body(text, run_url)})
        return f"Ärendet #{issue['number']} har uppdaterats (länkarna kunde inte kontrolleras)."
    return "Inget ärende behövs: inget att göra."


def github_api(token: str, api_url: str, session: requests.Session):
    """call(method, path, body=None) → the JSON answer; GitHubProblem with one line when it fails."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
               "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "nmt-handbok-maintenance-report"}

    def call(method: str, path: str, body: dict | None = None):
        try:
            response = session.request(method, api_url + path, json=body, headers=headers, timeout=30)
        except requests.RequestException as error:
            raise GitHubProblem(f"GitHub did not answer {method} {path}: {type(error).__name__}") from None
        if response.status_code >= 400:
            try:
                message = one_line(response.json().get("message", ""))
            except ValueError:
                message = ""
            raise GitHubProblem(f"GitHub answered {method} {path} with HTTP {response.status_code} {message} — "
                                "the job needs 'permissions: issues: write'")
        return response.json()

    return call


def run_address() -> str:
    """This workflow run's page (where the whole report is), from the runner's environment."""
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    return f"{server}/{os.environ.get('GITHUB_REPOSITORY', '')}/actions/runs/{os.environ.get('GITHUB_RUN_ID', '')}"


def github_settings() -> tuple[str, str, str]:
    """(token, repository, API address) from the workflow's environment."""
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or ""
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if not token or not REPOSITORY.fullmatch(repository):
        raise GitHubProblem("--github-issue needs GITHUB_TOKEN and GITHUB_REPOSITORY — run it in the workflow "
                            "(.github/workflows/maintenance.yml) or set both")
    return token, repository, os.environ.get("GITHUB_API_URL", "https://api.github.com")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--today", type=date_argument, default=datetime.date.today())
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--github-issue", action="store_true", help="keep the maintenance issue up to date")
    args = parser.parse_args(argv[1:])
    config = load_site_config(ROOT / "mkdocs.yml")
    places = external_links(args.docs)
    hosts = Hosts()
    try:
        check = check_links(places, load_cache(args.cache), time.time(), hosts)
    finally:
        hosts.close()
    if not check.offline:
        save_cache(args.cache, check.links)
    report = make_report(args.docs, args.today, config["extra"].get("review_in_months", 12),
                         site_languages(config), places, check)
    text = render(report)
    print_report(text)
    write_summary(text, run_address())
    if not args.github_issue:
        return 0
    try:
        token, repository, api_url = github_settings()
        with requests.Session() as session:
            print(sync_issue(report, text, github_api(token, api_url, session), repository, run_address()))
    except GitHubProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
