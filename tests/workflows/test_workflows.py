"""The GitHub set-up: workflows and issue forms are valid, the workflows
follow the project's security rules, and a failing build shows editors
annotations on the pull request.

The schemas come with check-jsonschema (pinned in requirements.txt), so
these tests need no network.
"""
from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

from fixture_sites import ERRORS, make_site
from linkcheck_external import CACHE, CONFIRM_AFTER

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if path.stem != "config")
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*))?$")
PINNED = re.compile(r"^(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"^v\d+\.\d+\.\d+\b")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def ids(paths):
    return [path.name for path in paths]


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    if not CHECK_JSONSCHEMA.exists():
        pytest.fail("check-jsonschema is missing: run `make test` (it installs requirements.txt)")
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)


def test_the_workflows_exist():
    assert {path.name for path in WORKFLOWS} >= {"pull-request.yml", "publish.yml", "maintenance.yml"}


# --- Schemas --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflow_matches_the_github_schema(path, schema):
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=ids(ISSUE_FORMS))
def test_issue_form_matches_the_github_schema(path):
    result = check_jsonschema("vendor.github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_exist_and_blank_issues_are_off():
    assert {path.name for path in ISSUE_FORMS} >= {"rapportera-fel.yml", "ny-sida.yml"}
    config = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
    result = check_jsonschema("vendor.github-issue-config", config)
    assert result.returncode == 0, result.stdout + result.stderr
    assert load(config)["blank_issues_enabled"] is False


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=ids(ISSUE_FORMS))
def test_issue_form_warns_about_personal_data_and_requires_the_confirmation(path):
    form = load(path)
    text = path.read_text("utf-8")
    assert "personuppgifter" in text.lower() and "personal data" in text.lower()
    confirmations = [option for item in form["body"] if item["type"] == "checkboxes"
                     for option in item["attributes"]["options"] if option.get("required")]
    assert confirmations, f"{path.name}: no required 'no personal data' checkbox"


# --- Security rules -------------------------------------------------------------------------

@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(path):
    lines = [(number, USES.match(line)) for number, line in
             enumerate(path.read_text("utf-8").splitlines(), 1) if USES.match(line)]
    assert lines, f"{path.name} uses no action"
    for number, match in lines:
        where = f"{path.name}:{number}: {match['ref']}"
        assert PINNED.match(match["ref"]), f"{where} is not owner/repo@<40-hex commit SHA>"
        assert match["comment"] and VERSION_COMMENT.match(match["comment"]), \
            f"{where} needs a '# vX.Y.Z' comment naming the release the SHA belongs to"
    # Every step with `uses:` was seen by the line scan above.
    assert len(lines) == sum(1 for _, step in steps(load(path)) if "uses" in step)


def test_each_action_has_one_pin_across_all_workflows():
    pins: dict[str, set] = {}
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            if (match := USES.match(line)) and (pinned := PINNED.match(match["ref"])):
                pins.setdefault(pinned["action"], set()).add((pinned["sha"], match["comment"]))
    assert pins
    assert {action: pin for action, pin in pins.items() if len(pin) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_every_job_has_a_timeout(path):
    for job_id, job in load(path)["jobs"].items():
        timeout = job.get("timeout-minutes")
        assert isinstance(timeout, int) and 0 < timeout <= 60, f"{path.name}: job {job_id}: timeout-minutes {timeout!r}"


def write_permissions(permissions) -> set:
    if permissions in ("write-all", "read-all"):
        return {permissions}
    return {scope for scope, level in (permissions or {}).items() if level == "write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_the_token_can_only_read_unless_a_job_says_otherwise(path):
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: set top-level permissions: {{}} or contents: read"
    assert workflow["permissions"] in ({}, {"contents": "read"}), workflow["permissions"]
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} must list the permissions it needs"
        assert job["permissions"] not in ("write-all", "read-all"), f"{path.name}: job {job_id}"
    assert "write-all" not in path.read_text("utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_no_workflow_runs_untrusted_code_with_secrets(path):
    on = triggers(load(path))
    assert "pull_request_target" not in on, f"{path.name}: pull_request_target gives fork code the secrets"
    assert "workflow_run" not in on


@pytest.mark.parametrize("path", [path for path in WORKFLOWS if "pull_request" in triggers(load(path))],
                         ids=lambda path: path.name)
def test_pull_request_checks_work_for_forks(path):
    workflow, text = load(path), path.read_text("utf-8")
    assert "secrets." not in text, f"{path.name}: pull requests from forks get no secrets"
    for job_id, job in workflow["jobs"].items():
        assert write_permissions(job.get("permissions")) == set(), f"{path.name}: job {job_id} may write"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_run_steps_interpolate_no_expressions(path):
    # ${{ … }} inside a shell script is pasted in before the shell reads it:
    # a branch name or a title could then run commands. Pass values via env.
    for job_id, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: job {job_id}: step {step.get('name')!r}"


BUILDS_THE_SITE = re.compile(r"\bmake (?:build|test|pdf|offline)\b")


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_checkout_keeps_no_credentials_and_full_history_where_the_site_is_built(path):
    for job_id, job in load(path)["jobs"].items():
        builds = any(BUILDS_THE_SITE.search(step.get("run", "")) for step in job.get("steps", []))
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                options = step.get("with", {})
                assert options.get("persist-credentials") is False, f"{path.name}: {job_id}"
                if builds:
                    assert options.get("fetch-depth") == 0, f"{path.name}: {job_id}: last-updated dates need git history"


# --- What each workflow does ----------------------------------------------------------------

def run_lines(workflow: dict, job_id: str) -> list[str]:
    return [line.strip() for step in workflow["jobs"][job_id]["steps"]
            for line in step.get("run", "").splitlines() if line.strip()]


def test_pull_request_workflow_builds_tests_and_shows_reviewers_the_changed_text():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    (job_id, job), = workflow["jobs"].items()
    commands = run_lines(workflow, job_id)
    # The build's log goes to the run's log too (annotations) and, with pipefail, fails the step.
    build = commands.index("make build 2>&1 | tee build.log")
    assert commands[build - 1] == "set -o pipefail"
    summary = next(i for i, line in enumerate(commands) if line.startswith(".venv/bin/python scripts/pr_summary.py"))
    assert build < commands.index("make offline") < summary < commands.index("make test")
    assert commands[summary].endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert "--before site-base --after site --changed changed.txt --log build.log" in commands[summary]
    uploads = [step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [(step["with"]["name"], step["with"]["path"]) for step in uploads] == [("offline-copy", "site-offline/")]
    python = [step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@")]
    assert [step["with"]["python-version"] for step in python] == ["3.11"]


def test_publish_workflow_deploys_main_and_releases_tags_with_least_privilege():
    workflow = load(GITHUB / "workflows" / "publish.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"], "tags": ["v*"]}
    jobs = workflow["jobs"]
    writers = {job_id: write_permissions(job["permissions"]) for job_id, job in jobs.items()}
    assert writers == {"build": set(), "deploy": {"pages", "id-token"}, "release": {"contents"}}

    assert "make pdf BUILD_DATE=today" in run_lines(workflow, "build")  # make pdf runs the strict build first
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@")
               and step["with"]["path"] == "site/" for step in jobs["build"]["steps"])
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["concurrency"]["group"] == "pages"
    assert jobs["deploy"]["concurrency"]["cancel-in-progress"] is False
    assert jobs["build"]["if"] == jobs["deploy"]["if"] == "github.ref == 'refs/heads/main'"

    assert jobs["release"]["if"] == "startsWith(github.ref, 'refs/tags/v')"
    commands = run_lines(workflow, "release")
    assert not any("BUILD_DATE" in command for command in commands), "a release keeps its commit's date"
    assert commands.index("make offline") < commands.index("make pdf")
    script = "\n".join(commands)
    for name in ("dist/nmt-handbok-*.zip", "dist/SHA256SUMS", "dist/*.pdf", "gh release create"):
        assert name in script
    env = next(step["env"] for step in jobs["release"]["steps"] if "gh release" in step.get("run", ""))
    assert env["GH_TOKEN"] == "${{ github.token }}"


def test_the_site_is_published_again_every_night_as_of_that_day():
    """A change registered ahead of its date must show as in force on that day with no commit:
    main is rebuilt daily, just after midnight in Sweden (CET = UTC+1, CEST = UTC+2), as of today."""
    workflow = load(GITHUB / "workflows" / "publish.yml")
    on = triggers(workflow)
    assert "workflow_dispatch" in on
    (schedule,) = on["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"], "daily"
    assert int(hour) == 23 and int(minute) < 55, "after midnight in Sweden in winter and in summer, same UTC day"


def weekly_runs(crons: list[str]) -> list[tuple[int, int, int]]:
    """(weekday, hour, minute) of each weekly cron line; fails on any other kind of schedule."""
    runs = []
    for cron in crons:
        minute, hour, day, month, weekday = cron.split()
        assert (day, month) == ("*", "*") and weekday.isdigit() and hour.isdigit() and minute.isdigit(), cron
        runs.append((int(weekday), int(hour), int(minute)))
    return sorted(runs)


def test_maintenance_workflow_reports_weekly_with_a_second_look_hours_later():
    workflow = load(GITHUB / "workflows" / "maintenance.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    runs = weekly_runs([entry["cron"] for entry in on["schedule"]])
    # Both on one weekday: the next week's first run restores the second run's cache less than 7 days later,
    # before GitHub drops a cache nobody used for 7 days.
    assert len(runs) == 2 and runs[0][0] == runs[1][0]
    first, second = [hour * 60 + minute for _, hour, minute in runs]
    # The second run comes late enough to confirm the first run's failures (linkcheck_external.CONFIRM_AFTER).
    assert CONFIRM_AFTER / 60 <= second - first <= 12 * 60
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_maintenance_workflow_keeps_one_issue_with_the_narrowest_token():
    path = GITHUB / "workflows" / "maintenance.yml"
    workflow = load(path)
    (job_id, job), = workflow["jobs"].items()
    assert workflow["permissions"] == {}
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert "secrets." not in path.read_text("utf-8")
    report = next(step for step in job["steps"] if "make maintenance-report" in step.get("run", ""))
    assert report["run"].strip() == "make maintenance-report REPORT_ARGS=--github-issue"
    assert report["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    # The Makefile hands REPORT_ARGS to the script.
    dry_run = subprocess.run(["make", "-n", "maintenance-report", "REPORT_ARGS=--github-issue"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert "scripts/maintenance_report.py --github-issue" in dry_run


def test_maintenance_workflow_carries_the_link_results_from_run_to_run():
    job = next(iter(load(GITHUB / "workflows" / "maintenance.yml")["jobs"].values()))
    names = [step.get("uses", "").split("@")[0] or step.get("run", "").strip() for step in job["steps"]]
    restore = job["steps"][names.index("actions/cache/restore")]
    report = names.index("make maintenance-report REPORT_ARGS=--github-issue")
    save = job["steps"][names.index("actions/cache/save")]
    assert names.index("actions/cache/restore") < report < names.index("actions/cache/save")
    cache = CACHE.relative_to(ROOT).as_posix()
    assert restore["with"]["path"] == save["with"]["path"] == cache == ".cache/linkcheck.json"
    # Restored from the newest saved copy; saved under a key of its own (a key cannot be overwritten),
    # even when the report failed: the first failures must survive until the second look.
    prefix = restore["with"]["restore-keys"]
    assert restore["with"]["key"].startswith(prefix) and save["with"]["key"].startswith(prefix)
    assert "github.run_id" in save["with"]["key"] and "github.run_attempt" in save["with"]["key"]
    assert save["if"] == "always()"


# --- Annotations on the pull request --------------------------------------------------------

LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<message>.+)$")


def annotation(level: str, located_message: str) -> str:
    """GitHub's workflow command for a `path:line: message` line."""
    match = LOCATED.match(located_message)
    assert match, located_message
    message = match["message"].replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={match['path']},line={match['line']}::{message}"


def build_in_github_actions(tmp_path: Path, kind: str) -> subprocess.CompletedProcess:
    site = make_site(tmp_path / "site", ERRORS / kind)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, env=env,
                          capture_output=True, text=True)


def validation_messages_print_annotations() -> bool:
    """Whether hooks/nmt/checks/validation_messages.py prints annotations for the MkDocs
    link checks it rewrites (see the xfail below)."""
    from nmt.checks.validation_messages import EditorMessages

    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                               "Doc file 'a.md' contains a link 'b.md', but the target is not found "
                               "among documentation files.", None, None)
    with mock.patch.dict(os.environ, {"GITHUB_ACTIONS": "true"}), redirect_stdout(io.StringIO()) as out:
        EditorMessages(Path("docs"), "docs/", Path("mkdocs.yml")).filter(record)
    return out.getvalue().startswith("::warning file=")


MKDOCS_VALIDATION = pytest.mark.xfail(
    not validation_messages_print_annotations(), strict=True,
    reason="hooks/nmt/checks/validation_messages.py rewrites MkDocs' link-check messages but does not yet print "
           "them as GitHub annotations; passes once it does")

# (kind, level, exact): exact means expected.txt lists everything the build
# reports; otherwise the build may report more (e.g. a heading id missing in
# one language also breaks a link to it) and expected.txt is a subset.
ANNOTATED = [
    pytest.param("unknown-glossary-term", "error", True, id="unknown-glossary-term (hook, error)"),
    pytest.param("avoided-term", "warning", True, id="avoided-term (hook, warning)"),
    pytest.param("heading-id-mismatch", "error", False, id="heading-id-mismatch (hook, two errors)"),
    pytest.param("broken-link", "warning", True, id="broken-link (MkDocs validation)", marks=MKDOCS_VALIDATION),
    pytest.param("page-not-in-nav", "warning", True, id="page-not-in-nav (MkDocs validation)",
                 marks=MKDOCS_VALIDATION),
]


@pytest.mark.parametrize("kind, level, exact", ANNOTATED)
def test_a_failing_build_annotates_the_pull_request(tmp_path, kind, level, exact):
    result = build_in_github_actions(tmp_path, kind)
    assert result.returncode != 0, f"{kind}: the build passed"
    expected = [annotation(level, line)
                for line in (ERRORS / kind / "expected.txt").read_text("utf-8").splitlines() if line]
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    shown = (f"{kind}: expected the annotations\n  " + "\n  ".join(expected)
             + "\nstdout had\n  " + "\n  ".join(result.stdout.splitlines()))
    if exact:
        assert sorted(annotations) == sorted(expected), shown
    else:
        assert set(expected) <= set(annotations), shown
    # Each annotation repeats a message the editor also sees in the log.
    for line in annotations:
        match = re.match(r"^::(?P<level>error|warning) file=(?P<path>[^,]+),line=(?P<line>\d+)::(?P<message>.*)$", line)
        assert match, line
        assert f"{match['path']}:{match['line']}: {match['message']}" in result.stderr, line


def test_the_exact_annotation_for_an_unknown_glossary_term(tmp_path):
    result = build_in_github_actions(tmp_path, "unknown-glossary-term")
    assert ("::error file=docs/sida.md,line=11::unknown glossary term 'betänktid' — did you mean "
            "'betänketid', 'betänketiden'? Use a term from docs/glossary.yml, or add the concept there"
            ) in result.stdout.splitlines()


def test_outside_github_actions_the_build_prints_no_annotations(tmp_path):
    site = make_site(tmp_path / "site", ERRORS / "unknown-glossary-term")
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert result.returncode != 0
    assert "::error" not in result.stdout + result.stderr
    assert "docs/sida.md:11: unknown glossary term 'betänktid'" in result.stderr
