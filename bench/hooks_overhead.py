"""Build time of the real site with and without our hooks (median of N runs,
alternating so both see the same machine load). Prints the ratio.

The ratio uses CPU time (user + system) of the build process, which other
work on the machine disturbs much less than wall-clock time.

Usage: python bench/hooks_overhead.py [runs]
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config: Path, site: Path) -> float:
    """CPU seconds the build used."""
    start = cpu_seconds()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return cpu_seconds() - start


def measure(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as work:
        # Same folder as mkdocs.yml, so relative paths (docs/, overrides/) resolve the same.
        bare = ROOT / ".mkdocs-without-hooks.yml"
        bare.write_text("INHERIT: mkdocs.yml\nhooks: []\n", "utf-8")
        try:
            timed_build(ROOT / "mkdocs.yml", Path(work) / "warm")  # warm caches once
            with_hooks, without = [], []
            for _ in range(runs):
                with_hooks.append(timed_build(ROOT / "mkdocs.yml", Path(work) / "a"))
                without.append(timed_build(bare, Path(work) / "b"))
        finally:
            bare.unlink()
    result = {"with_hooks_s": statistics.median(with_hooks), "without_hooks_s": statistics.median(without)}
    result["ratio"] = result["with_hooks_s"] / result["without_hooks_s"]
    return result


if __name__ == "__main__":
    figures = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(f"CPU time with hooks {figures['with_hooks_s']:.2f} s, without {figures['without_hooks_s']:.2f} s, "
          f"ratio {figures['ratio']:.3f} (+{(figures['ratio'] - 1) * 100:.1f} %)")
