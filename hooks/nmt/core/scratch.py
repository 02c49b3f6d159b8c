"""The build's temporary folder.

What a step must keep until the end of the build but need not hold in
memory (output/print_book.py: every printed page's article, then the print
document's body) goes into a file here. The folder belongs to the `Build`
(`Build.scratch`): it is made the first time a step asks for a file, and
pipeline.py removes it at the end of the outer pass. When a build fails
before that, tempfile removes it when the `Build` is dropped or the process
ends, so a build, failed or not, leaves nothing behind.
"""
from __future__ import annotations

import tempfile
from pathlib import Path


def path(build, name: str) -> Path:
    """A file name in the build's temporary folder (the file is not created)."""
    if build.scratch is None:
        build.scratch = tempfile.TemporaryDirectory(prefix="nmt-build-")
    return Path(build.scratch.name, name)


def remove(build) -> None:
    if build.scratch is not None:
        build.scratch.cleanup()
        build.scratch = None
