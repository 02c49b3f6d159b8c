"""The one maintenance issue: opened when there is something to do, edited
(never a second one) while there is, closed when nothing is left. GitHub is
a fake here that answers like the REST API and records every call."""
from __future__ import annotations

import datetime

import pytest
import requests

from linkcheck_external import LinkCheck
from maintenance_report import (BOT, ISSUE_BYTES, ISSUE_TITLE, MARKER, GitHubProblem, Item, Report, github_api,
                                github_settings, render, sync_issue)

REPO = "nmt-handbok/nmt-handbok"
RUN = "https://github.com/nmt-handbok/nmt-handbok/actions/runs/42"


class FakeGitHub:
    def __init__(self, issues=()):
        self.issues = list(issues)
        self.calls = []

    def __call__(self, method, path, body=None):
        self.calls.append((method, path, body))
        if method == "GET":
            page = int(path.rsplit("page=", 1)[1])
            return self.issues[(page - 1) * 100:page * 100]
        if method == "POST":
            return {"number": 99, **body}
        return {}

    def writes(self):
        return [(method, path, body) for method, path, body in self.calls if method != "GET"]


def issue(number, login=BOT, body=f"{MARKER}\nold report", **more):
    return {"number": number, "user": {"login": login}, "body": body, **more}


def report(items: int = 1, offline: bool = False) -> Report:
    listed = [Item("Redaktionen", "review", f"docs/p{n}.md:5", (n,), f"`docs/p{n}.md:5`: granska sidan.")
              for n in range(items)]
    return Report(datetime.date(2027, 6, 21), listed, 3, LinkCheck({}, 0 if offline else 3, offline), [])


def test_the_first_report_opens_the_issue():
    github, text = FakeGitHub(), render(report())
    assert sync_issue(report(), text, github, REPO, RUN) == "Ärendet #99 har skapats."
    assert github.writes() == [("POST", f"/repos/{REPO}/issues", {"title": ISSUE_TITLE, "body": text})]
    assert github.calls[0] == ("GET", f"/repos/{REPO}/issues?state=open&per_page=100&page=1", None)


def test_the_next_report_edits_the_same_issue_and_never_takes_someone_elses():
    someone = issue(3, login="mallory")  # the marker copied into an issue of their own
    pull = issue(5, pull_request={"url": "…"})  # a pull request is an issue too, to the API
    ours = issue(7)
    github, text = FakeGitHub([someone, pull, ours]), render(report())
    assert sync_issue(report(), text, github, REPO, RUN) == "Ärendet #7 har uppdaterats."
    assert github.writes() == [("PATCH", f"/repos/{REPO}/issues/7", {"title": ISSUE_TITLE, "body": text})]


def test_the_issue_is_found_on_a_later_page():
    others = [issue(n, body="another issue") for n in range(1, 101)]
    github = FakeGitHub([*others, issue(150)])
    sync_issue(report(), render(report()), github, REPO, RUN)
    assert [path for method, path, _ in github.writes()] == [f"/repos/{REPO}/issues/150"]


def test_the_issue_is_closed_when_nothing_is_left():
    github, empty = FakeGitHub([issue(7)]), report(items=0)
    text = render(empty)
    assert sync_issue(empty, text, github, REPO, RUN) == "Ärendet #7 har stängts: inget kvar att göra."
    assert github.writes() == [("PATCH", f"/repos/{REPO}/issues/7",
                                {"body": text, "state": "closed", "state_reason": "completed"})]
    assert "**Inget att göra just nu.**" in text


def test_without_internet_an_empty_report_does_not_close_the_issue():
    github, unknown = FakeGitHub([issue(7)]), report(items=0, offline=True)
    text = render(unknown)
    sync_issue(unknown, text, github, REPO, RUN)
    assert github.writes() == [("PATCH", f"/repos/{REPO}/issues/7", {"body": text})]


def test_nothing_to_do_and_no_issue_writes_nothing():
    github = FakeGitHub([issue(3, body="another issue")])
    assert sync_issue(report(items=0), render(report(items=0)), github, REPO, RUN) == \
        "Inget ärende behövs: inget att göra."
    assert github.writes() == []


def test_a_report_too_long_for_an_issue_is_cut_at_a_line_and_points_to_the_run():
    long = report(items=2000)
    github = FakeGitHub()
    sync_issue(long, render(long), github, REPO, RUN)
    (_, _, sent), = github.writes()
    body = sent["body"]
    assert len(body.encode("utf-8")) <= ISSUE_BYTES < len(render(long).encode("utf-8"))
    assert body.startswith(MARKER) and body.endswith(f"Hela rapporten finns i körningens sammanfattning: {RUN}\n")
    assert all(line.endswith("granska sidan.") for line in body.splitlines() if line.startswith("- `docs/"))


def test_the_issue_needs_the_workflow_token_and_repository(monkeypatch):
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
    with pytest.raises(GitHubProblem, match="needs GITHUB_TOKEN and GITHUB_REPOSITORY"):
        github_settings()
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.setenv("GITHUB_REPOSITORY", "x/y\n::error::z")
    with pytest.raises(GitHubProblem):
        github_settings()


class RefusingSession:
    """A requests session to which GitHub answers 403, as it does without `issues: write`."""

    def request(self, method, url, **options):
        response = requests.Response()
        response.status_code = 403
        response._content = b'{"message": "Resource not accessible\\nby integration"}'
        return response


def test_a_refusal_from_github_is_one_line_saying_what_the_job_needs():
    call = github_api("t", "https://api.github.com", RefusingSession())
    with pytest.raises(GitHubProblem) as refused:
        call("POST", f"/repos/{REPO}/issues", {"title": "x"})
    assert str(refused.value) == (f"GitHub answered POST /repos/{REPO}/issues with HTTP 403 Resource not accessible "
                                  "by integration — the job needs 'permissions: issues: write'")
