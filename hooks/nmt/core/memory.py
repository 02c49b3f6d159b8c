"""What the build keeps until its end, and where.

MkDocs and static-i18n keep every page of both languages until the build
ends; a step that keeps something per page adds to that for every page of
the site (issue 23: 2000 pages per language peaked at 507 MB). So:

- What a step must keep until the end of the build but need not hold in
  memory (output/print_book.py: every printed page's article, then the print
  document's body) goes into a file of the build's temporary folder. The
  folder belongs to the `Build` (`Build.scratch`): it is made the first time a
  step asks for a file, and pipeline.py removes it at the end of the outer
  pass. When a build fails before that, tempfile removes it when the `Build`
  is dropped or the process ends, so a build, failed or not, leaves nothing
  behind.
- A page's Markdown and HTML are let go once the page is written
  (`release_text`): nothing reads them after that.
"""
from __future__ import annotations

import tempfile
from pathlib import Path


def folder(build) -> Path:
    """The build's temporary folder, made the first time it is asked for."""
    if build.scratch is None:
        build.scratch = tempfile.TemporaryDirectory(prefix="nmt-build-")
    return Path(build.scratch.name)


def path(build, name: str) -> Path:
    """A file name in the build's temporary folder (the file is not created)."""
    return folder(build) / name


def remove(build) -> None:
    if build.scratch is not None:
        build.scratch.cleanup()
        build.scratch = None


def release_text(page) -> None:
    """on_post_page, last: MkDocs keeps every page's Markdown and HTML until the
    build ends, though nothing reads them once the page is written (the menu
    of later pages reads titles and addresses, MkDocs' anchor check the ids it
    noted while rendering, search indexed the page before its template).
    Empty strings, not None: Page.title reads None as "not read yet"."""
    page.markdown = page.content = ""
