#!/usr/bin/env python3
"""The sha256 hashes of the inline scripts in the built site, for the
Content-Security-Policy in hosting/nginx.conf.

Material puts two small inline <script> blocks in every page: one defines
__md_scope (the site root, written relative to the page, so its text differs
with the page's depth: ".", "..", "../..", "../../.." and "/" on the 404
pages) and one opens a content tab named in the URL hash. The CSP allows
exactly these scripts by their hashes instead of allowing every inline script
('unsafe-inline'). The set is small and fixed for a given Material version and
folder depth; it changes only when Material is upgraded or a page is added one
folder deeper than any page before. tests/hosting/test_nginx.py fails then,
and this script updates the config:

    python3 hosting/csp_hashes.py            # print the hashes of site/
    python3 hosting/csp_hashes.py --check    # exit 1 if nginx.conf lacks one
    python3 hosting/csp_hashes.py --write    # put them into nginx.conf

Scripts with type="application/json" (Material's __config) are data, never
run, so the CSP does not apply to them. Standard library only: a region can
run this with any Python 3.9+, without the handbook's virtual environment.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SITE = HERE.parent / "site"
DEFAULT_CONFIG = HERE / "nginx.conf"

# <script type> values a browser runs (an absent or empty type is JavaScript).
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# The reader pages' Content-Security-Policy: the add_header line at server level, four spaces
# in (not the comments about it, and not the editor's own policy in `location /admin/`) …
CSP_LINE = re.compile(r'(?m)^( {4}add_header[ \t]+Content-Security-Policy[ \t]+")([^"]*)(")')
# … and its script-src directive.
SCRIPT_SRC = re.compile(r"(script-src 'self')((?: 'sha256-[A-Za-z0-9+/=]+')*)")


class InlineScripts(HTMLParser):
    """Collects the text of every inline script a browser would run."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        if "src" not in attributes and kind in JS_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def csp_hash(script: str) -> str:
    """The CSP source expression for one inline script body (exact bytes)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def site_hashes(site: Path) -> dict[str, list[str]]:
    """Every inline-script hash in the site → the pages that use it."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = InlineScripts()
        parser.feed(page.read_text("utf-8"))
        parser.close()
        for script in parser.scripts:
            found.setdefault(csp_hash(script), []).append(page.relative_to(site).as_posix())
    return found


def config_hashes(config_text: str) -> list[str]:
    """The hashes listed in script-src of every CSP line in the config."""
    hashes: list[str] = []
    for line in CSP_LINE.finditer(config_text):
        for match in SCRIPT_SRC.finditer(line.group(2)):
            hashes += match.group(2).split()
    return hashes


def with_hashes(config_text: str, hashes: list[str]) -> str:
    """The config with script-src listing exactly these hashes."""
    if not any(SCRIPT_SRC.search(line.group(2)) for line in CSP_LINE.finditer(config_text)):
        raise ValueError("no add_header Content-Security-Policy line with \"script-src 'self'\"")
    listed = "".join(" " + item for item in hashes)

    def update(line: re.Match) -> str:
        policy = SCRIPT_SRC.sub(lambda match: match.group(1) + listed, line.group(2))
        return line.group(1) + policy + line.group(3)

    return CSP_LINE.sub(update, config_text)


def compare(site: Path, config: Path) -> tuple[dict[str, list[str]], list[str]]:
    """(hashes the site needs but the config lacks → pages, hashes listed but unused)."""
    needed = site_hashes(site)
    listed = config_hashes(config.read_text("utf-8"))
    missing = {h: pages for h, pages in needed.items() if h not in listed}
    unused = [h for h in listed if h not in needed]
    return missing, unused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE, help="the built site (default: site/)")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="the nginx server block")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="fail if the config lacks a hash the site needs")
    action.add_argument("--write", action="store_true", help="write the site's hashes into the config")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").exists():
        print(f"{args.site} is not a built site: run `make build` first.", file=sys.stderr)
        return 2
    needed = site_hashes(args.site)
    if args.write:
        text = args.config.read_text("utf-8")
        args.config.write_text(with_hashes(text, sorted(needed)), "utf-8")
        print(f"{args.config}: script-src now lists {len(needed)} hashes.")
        return 0
    if args.check:
        missing, unused = compare(args.site, args.config)
        for item, pages in missing.items():
            print(f"missing {item} (inline script in {len(pages)} pages, e.g. {pages[0]})", file=sys.stderr)
        for item in unused:
            print(f"unused {item} (harmless; --write removes it)", file=sys.stderr)
        if missing:
            print(f"Run `python3 hosting/csp_hashes.py --write` and deploy {args.config.name} with the site.",
                  file=sys.stderr)
            return 1
        return 0
    for item, pages in sorted(needed.items()):
        print(f"{item}  {len(pages):3d} pages, e.g. {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
