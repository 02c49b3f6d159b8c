"""Markdown rendered with the site's own extensions (from mkdocs.yml), so unit
tests judge what the real build's parser makes of a text."""
from __future__ import annotations

import functools
from pathlib import Path

import markdown
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=1)
def _extensions():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def render(text: str) -> str:
    extensions, configs = _extensions()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
