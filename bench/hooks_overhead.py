"""Build time of the real site with and without our hooks (median of N runs,
alternating so both see the same machine load). Prints the ratio.

A third build gives the fairest figure: the same pages as the hooks leave
them (glossary list, term and statute links written out, by
bench/dump_markdown.py) built without hooks, as if editors had written them
by hand. It also reports the time spent inside the hooks' own event functions
(NMT_HOOK_TIMING=1), which leaves out the rendering of what the hooks add
to the pages (the glossary list, term and statute links).

The ratio uses CPU time (user + system) of the build process and everything
it waited for (the git process), which other
work on the machine disturbs much less than wall-clock time.

The git dates vary most: hooks/nmt/blocks/last_updated.py runs one `git log`, and how
long git takes varies with the disk cache and the repository's history, so
the ratio is measured twice: with the git dates as configured, and without
them in both variants (blocks/last_updated.py left out).

The variant configurations are written to .bench/real/ (INHERIT of the real
mkdocs.yml, with absolute paths), never into the repository's own files.

Usage: python bench/hooks_overhead.py [runs]
"""
from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".bench" / "real"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def site_yaml(path: Path = ROOT / "mkdocs.yml") -> dict:
    """A configuration file as MkDocs reads it: its INHERIT parents (mkdocs-base.yml) merged in."""
    from mkdocs.utils.yaml import yaml_load
    with open(path, encoding="utf-8") as file:
        return yaml_load(file)


def real_hooks() -> list[str]:
    return site_yaml()["hooks"]


# The one step that runs git for every build (blocks/build_facts.py asks once, for one page):
# without git dates it gets no history, as in a tarball. (file, old, new) for a copy of hooks/.
NO_GIT_DATES = [("nmt/blocks/last_updated.py", "    build.last_updated = last_commit_dates(docs)\n",
                 "    build.last_updated = {}\n")]


def patched_copy(source: Path, target: Path, patches: list[tuple[str, str, str]]) -> Path:
    """A copy of a hooks folder with (file, old, new) replacements (bench/run.py's variants use it too)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    for file, old, new in patches:
        text = (target / file).read_text("utf-8")
        if old not in text:
            raise SystemExit(f"hooks/{file} changed: update the bench patch for {target.name}")
        (target / file).write_text(text.replace(old, new, 1), "utf-8")
    return target


# Builds "without hooks" still need the two template globals our overrides read.
TEMPLATE_GLOBALS = f"  - {ROOT / 'bench' / 'template_globals.py'}\n"


def variant_config(name: str, hooks: bool, git_dates: bool, extra: str = "") -> Path:
    """A configuration in .bench/real/ that inherits the real mkdocs.yml.

    Relative paths in an inherited file resolve against the child's folder,
    so docs_dir, custom_dir and the hooks are given as absolute paths.
    git_dates=False runs a copy of the hooks whose blocks/last_updated.py reads no git history.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    # The editor at /admin/ reads its help texts from CONTRIBUTING.md next to the configuration,
    # and a copy of hooks/ in WORK looks for admin/ beside itself.
    shutil.copyfile(ROOT / "CONTRIBUTING.md", WORK / "CONTRIBUTING.md")
    if not (WORK / "admin").exists():
        (WORK / "admin").symlink_to(ROOT / "admin", target_is_directory=True)
    folder = ROOT / "hooks" if git_dates else patched_copy(ROOT / "hooks", WORK / "hooks-nogit", NO_GIT_DATES)
    hook_lines = "".join(f"  - {folder / Path(hook).name}\n" for hook in real_hooks()) if hooks else ""
    text = (f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
            f"docs_dir: {ROOT / 'docs'}\n"
            f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
            + f"hooks:\n{hook_lines if hooks else TEMPLATE_GLOBALS}"
            + extra)
    path = WORK / f"mkdocs-{name}.yml"
    path.write_text(text, "utf-8")
    return path


@functools.lru_cache(maxsize=1)  # one copy serves both measure() calls of a run
def handwritten_copy() -> Path:
    """The docs as an editor would have to write them without hooks.

    Builds the real site once with bench/dump_markdown.py as the last hook,
    which writes every page's Markdown as the hooks leave it (generated
    glossary list, [[terms]] and sfs: links resolved) over a copy of docs/.
    Returns a configuration that builds that copy without any hooks.
    """
    docs = WORK / "handwritten-docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs", docs)
    hooks = "".join(f"  - {ROOT / hook}\n" for hook in real_hooks()) + f"  - {ROOT / 'bench' / 'dump_markdown.py'}\n"
    dump = WORK / "mkdocs-dump.yml"
    dump.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                    f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n{hooks}", "utf-8")
    with tempfile.TemporaryDirectory(dir=WORK) as site:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(dump), "-d", site], cwd=WORK,
                       check=True, capture_output=True, env={**ENV, "NMT_DUMP_DIR": str(docs)})
    config = WORK / "mkdocs-handwritten.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\n"
                      f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n{TEMPLATE_GLOBALS}", "utf-8")
    return config


def timed_build(config: Path, site: Path, hook_seconds: list | None = None) -> float:
    """CPU seconds the build used. With hook_seconds, also append the time
    spent inside the hooks' event functions (NMT_HOOK_TIMING, hooks/nmt/core/)."""
    env = {**ENV, "NMT_HOOK_TIMING": "1"} if hook_seconds is not None else ENV
    start = cpu_seconds()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
                          cwd=config.parent, check=True, capture_output=True, text=True, env=env)
    used = cpu_seconds() - start
    if hook_seconds is not None:
        line = next(line for line in done.stderr.splitlines() if line.startswith("hook seconds: "))
        hook_seconds.append(sum(json.loads(line.removeprefix("hook seconds: ")).values()))
    return used


def measure(runs: int = 5, git_dates: bool = True) -> dict:
    label = "git" if git_dates else "nogit"
    with_config = variant_config(f"hooks-{label}", True, git_dates)
    bare_config = variant_config(f"nohooks-{label}", False, git_dates)
    handwritten_config = handwritten_copy()
    with tempfile.TemporaryDirectory(dir=WORK) as work:
        timed_build(with_config, Path(work) / "warm")  # warm caches once
        with_hooks, without, handwritten, walls, inside = [], [], [], [], []
        for _ in range(runs):
            started = time.perf_counter()
            with_hooks.append(timed_build(with_config, Path(work) / "a", inside))
            walls.append(time.perf_counter() - started)
            without.append(timed_build(bare_config, Path(work) / "b"))
            handwritten.append(timed_build(handwritten_config, Path(work) / "c"))
    result = {"with_hooks_s": statistics.median(with_hooks), "without_hooks_s": statistics.median(without),
              "with_hooks_wall_s": statistics.median(walls), "runs": runs, "git_dates": git_dates,
              "with_hooks_all": with_hooks, "without_hooks_all": without}
    result["ratio"] = result["with_hooks_s"] / result["without_hooks_s"]
    result["hooks_share"] = 1 - result["without_hooks_s"] / result["with_hooks_s"]
    # The difference above also holds the work the hooks' output causes (the
    # generated glossary list, term and statute links rendered by Markdown):
    # the time inside the hooks' own event functions is the checks' cost.
    # Fairer: against the same pages written out by hand and built without hooks.
    result["handwritten_s"] = statistics.median(handwritten)
    result["handwritten_all"] = handwritten
    result["share_vs_handwritten"] = 1 - result["handwritten_s"] / result["with_hooks_s"]
    result["inside_hooks_s"] = statistics.median(inside)
    result["inside_hooks_all"] = inside
    result["inside_share"] = result["inside_hooks_s"] / result["with_hooks_s"]
    return result


if __name__ == "__main__":
    count = next((int(arg) for arg in sys.argv[1:] if arg.isdigit()), 5)
    figures = {}
    for git_dates in (True, False):
        result = figures["git" if git_dates else "nogit"] = measure(count, git_dates)
        print(f"git dates {'on ' if git_dates else 'off'}: CPU time with hooks {result['with_hooks_s']:.2f} s, "
              f"without {result['without_hooks_s']:.2f} s, ratio {result['ratio']:.3f} "
              f"(+{(result['ratio'] - 1) * 100:.1f} %; hooks are {result['hooks_share'] * 100:.1f} % of the build; "
              f"inside the hooks' functions {result['inside_hooks_s']:.2f} s = {result['inside_share'] * 100:.1f} %; "
              f"same pages written by hand, no hooks {result['handwritten_s']:.2f} s: hooks "
              f"{result['share_vs_handwritten'] * 100:.1f} %)")
    if "--json" in sys.argv:
        print(json.dumps(figures))
