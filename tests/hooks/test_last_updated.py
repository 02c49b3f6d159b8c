"""'Last updated' comes from git's newest commit per page, in one git call."""
import os
import subprocess

from nmt.blocks.last_updated import is_shallow, last_commit_dates


def commit(repo, files, date):
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=repo, check=True, env=env)


def test_each_file_gets_its_newest_commit_date(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, {"docs/a.md": "1", "docs/sub/b.en.md": "1", "other.txt": "1"}, "2025-03-01T10:00:00Z")
    commit(tmp_path, {"docs/a.md": "2"}, "2026-06-15T23:30:00Z")
    assert last_commit_dates(tmp_path / "docs") == {"a.md": "2026-06-15", "sub/b.en.md": "2025-03-01"}
    assert not is_shallow(tmp_path / "docs")


def test_no_git_gives_no_dates(tmp_path):
    (tmp_path / "docs").mkdir()
    assert last_commit_dates(tmp_path / "docs") == {}
