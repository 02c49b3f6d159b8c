"""Bench-only hook: write each page's Markdown as the hooks leave it.

bench/hooks_overhead.py builds the real site once with this hook last, then
builds the written copy without any hooks: the same pages an editor would
have had to write by hand (glossary list, term and statute links already in
the text). The difference between the two builds is what the hooks cost.
Never listed in mkdocs.yml.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-1000)  # after every other hook's on_page_markdown
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["NMT_DUMP_DIR"], page.file.src_uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False)
    target.write_text(f"---\n{meta}---\n\n{markdown}", "utf-8")
    return markdown
