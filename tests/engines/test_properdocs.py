"""The site builds the same with ProperDocs (a maintained fork of MkDocs 1.x)
as with MkDocs, and the editor still gets the exact file:line message.

ProperDocs runs Material, static-i18n and our hooks unchanged: its
`properdocs.replacement` module maps every `import mkdocs.*` to
`properdocs.*`. What differs is the loggers' names (`properdocs.*`), so
these tests catch a hook that still depends on the name "mkdocs" (for
example the rewriting of `validation:` messages). See MAINTAINING.md.

Both engines run as `make build` runs MkDocs: a strict command-line build
(never -q), with the same SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
from fixture_sites import ERRORS, make_site

ENGINES = ("mkdocs", "properdocs")


@pytest.fixture(scope="module", autouse=True)
def properdocs_is_installed():
    # Not a skip: `make test` must build with both engines.
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("ProperDocs is not installed in this environment: requirements.txt needs "
                    "'properdocs==1.6.7' (make test reinstalls .venv when requirements.txt changes)")


def build_env() -> dict:
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}


def strict_build(engine: str, config: Path, site_dir: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          cwd=config.parent, env=env, capture_output=True, text=True)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> dict[str, Path]:
    env, sites = build_env(), {}
    for engine in ENGINES:
        site = tmp_path_factory.mktemp(f"site-{engine}") / "site"
        result = strict_build(engine, ROOT / "mkdocs.yml", site, env)
        assert result.returncode == 0, f"strict {engine} build failed:\n{result.stderr[-4000:]}"
        sites[engine] = site
    return sites


def test_properdocs_builds_the_site_byte_identical_to_mkdocs(both_builds):
    mkdocs_files, properdocs_files = (files_of(both_builds[engine]) for engine in ENGINES)
    assert mkdocs_files, "the MkDocs build wrote no files"
    differences = sorted(
        [f"only in the MkDocs build: {name}" for name in mkdocs_files.keys() - properdocs_files.keys()]
        + [f"only in the ProperDocs build: {name}" for name in properdocs_files.keys() - mkdocs_files.keys()]
        + [f"different content: {name}" for name in mkdocs_files.keys() & properdocs_files.keys()
           if mkdocs_files[name] != properdocs_files[name]])
    assert not differences, (f"{len(differences)} differences between the two builds:\n  "
                             + "\n  ".join(differences[:50]))


# unknown-glossary-term: a hook's own finding (logged by core/findings.report).
# broken-link: MkDocs' validation message, rewritten with file:line by checks/validation_messages.py.
@pytest.mark.parametrize("kind", ["unknown-glossary-term", "broken-link"])
def test_properdocs_fails_a_bad_page_with_the_editor_message(tmp_path, kind):
    site = make_site(tmp_path / "site", ERRORS / kind)
    result = strict_build("properdocs", site / "mkdocs.yml", site / "site", build_env())
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{kind}: the strict ProperDocs build passed:\n{output[-3000:]}"
    assert "in strict mode" in output and "Traceback" not in output, output[-3000:]
    expected = (ERRORS / kind / "expected.txt").read_text("utf-8").splitlines()
    missing = [line for line in expected if line not in output]
    assert not missing, f"{kind}: expected\n  " + "\n  ".join(missing) + f"\ngot\n{output[-3000:]}"
