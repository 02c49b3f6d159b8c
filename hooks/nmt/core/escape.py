"""One way for data to enter generated Markdown.

Every value from a data file or front matter that a step writes into a page
goes through these two functions: markdown_text() turns it into literal
characters (no link, image, list, tag or entity can come of it) and
markdown_url() percent-encodes what would end a link's address.
"""
from __future__ import annotations

import re

MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()#|!~^])")
LINE_START_MARKER = re.compile(r"^([ \t]*)(\d+)([.)])|^([ \t]*)([-+>=])", re.M)  # [ \t]: \s would cross lines


def markdown_text(value: str) -> str:
    """Plain text from a data file, safe to put into generated Markdown.

    Markdown syntax becomes literal characters (backslash escapes), '&' and
    '<' become entities, so a glossary definition or a statute title can
    never turn into a link, an image, a list or a tag."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SIGNIFICANT.sub(r"\\\1", text)
    return LINE_START_MARKER.sub(lambda m: (f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}"), text)


# What would end or change a Markdown link's address, or an HTML attribute the address lands in.
URL_BREAKERS = frozenset(" \t\n\r\f\v()[]<>\"'`\\")


def markdown_url(url: str) -> str:
    """An address from a data file, safe as the destination of a generated Markdown link.

    The readers refuse such characters already (link_policy.check_data_url); percent-encoding
    them here as well means a value that slipped past a reader still cannot close the link
    and start a second one: '…)[x](https://evil.example'."""
    return "".join(f"%{ord(char):02X}" if char in URL_BREAKERS or ord(char) < 0x20 else char for char in str(url))
