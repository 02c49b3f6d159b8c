#!/usr/bin/env python3
"""The Content-Security-Policy in hosting/nginx.conf: written from the
handbook's one statement of it (hooks/nmt/policy/csp.json, which the build
also writes into every page's <meta>), with the sha256 hashes of the inline
scripts in the built site.

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
    python3 hosting/csp_hashes.py --check    # exit 1 if nginx.conf lacks one or its policies differ from csp.json
    python3 hosting/csp_hashes.py --write    # write both policies (reader pages, /admin/) into nginx.conf

Scripts with type="application/json" (Material's __config) are data, never
run, so the CSP does not apply to them. Standard library only: a region can
run this with any Python 3.9+, without the handbook's virtual environment
(so it turns csp.json into text itself, like hooks/nmt/policy/csp.py does;
tests/hosting/test_csp_source.py holds the two to the same result).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SITE = HERE.parent / "site"
DEFAULT_CONFIG = HERE / "nginx.conf"
POLICY_FILE = HERE.parent / "hooks" / "nmt" / "policy" / "csp.json"

# <script type> values a browser runs (an absent or empty type is JavaScript).
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# The add_header Content-Security-Policy line of each policy in nginx.conf (never the
# comments about them): the reader pages' at server level, four spaces in, and the
# editor's in `location /admin/`, eight spaces in.
CSP_LINES = {
    "reader": re.compile(r'(?m)^( {4}add_header[ \t]+Content-Security-Policy[ \t]+")([^"]*)(")'),
    "admin": re.compile(r'(?m)^( {8}add_header[ \t]+Content-Security-Policy[ \t]+")([^"]*)(")'),
}
WHERE = {"reader": "at server level (four spaces in)", "admin": "in location /admin/ (eight spaces in)"}
HASH_PREFIX = "'sha256-"


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


def read_policies(path: Path = POLICY_FILE) -> dict:
    """hooks/nmt/policy/csp.json as written."""
    return json.loads(path.read_text("utf-8"))


def header_policy(policies: dict, kind: str, hashes: list[str] = ()) -> str:
    """The header text of a policy ("reader" or "admin"), every directive included;
    script-src lists the hashes after its own sources."""
    directives = policies[kind]["directives"]
    return "; ".join(" ".join([name, *sources, *(hashes if name == "script-src" else ())])
                     for name, sources in directives.items())


def parsed(policy: str) -> dict[str, list[str]]:
    """A policy's text as directive → sources."""
    parts = (part.split() for part in policy.split(";"))
    return {words[0]: words[1:] for words in parts if words}


def config_policy(config_text: str, kind: str) -> str | None:
    """The policy the config sends for a kind of page, or None without such a line."""
    line = CSP_LINES[kind].search(config_text)
    return line.group(2) if line else None


def config_hashes(config_text: str) -> list[str]:
    """The hashes listed in script-src of the reader pages' policy in the config."""
    policy = parsed(config_policy(config_text, "reader") or "")
    return [source for source in policy.get("script-src", []) if source.startswith(HASH_PREFIX)]


def with_policies(config_text: str, policies: dict, hashes: list[str]) -> str:
    """The config with both policies as csp.json states them, the reader pages'
    script-src listing exactly these hashes."""
    for kind, hashes_of_kind in (("reader", hashes), ("admin", [])):
        if config_policy(config_text, kind) is None:
            raise ValueError(f"no add_header Content-Security-Policy line {WHERE[kind]}")
        text = header_policy(policies, kind, hashes_of_kind)
        config_text = CSP_LINES[kind].sub(lambda line: line.group(1) + text + line.group(3), config_text, count=1)
    return config_text


def policy_differences(config_text: str, policies: dict) -> list[str]:
    """How the config's policies differ from csp.json, one line each (the reader
    pages' hashes are compared with the site, by compare())."""
    differences = []
    for kind, hashes in (("reader", config_hashes(config_text)), ("admin", [])):
        sent = parsed(config_policy(config_text, kind) or "")
        stated = parsed(header_policy(policies, kind, hashes))
        for name in sorted(set(sent) | set(stated)):
            if sent.get(name) != stated.get(name):
                differences.append(f"{kind} policy, {name}: the config has {' '.join(sent.get(name, ['(nothing)']))}, "
                                   f"csp.json says {' '.join(stated.get(name, ['(nothing)']))}")
    return differences


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
    parser.add_argument("--policy", type=Path, default=POLICY_FILE, help="the policies (default: the handbook's csp.json)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true",
                        help="fail if the config lacks a hash the site needs or its policies differ from csp.json")
    action.add_argument("--write", action="store_true", help="write both policies, with the site's hashes, into the config")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").exists():
        print(f"{args.site} is not a built site: run `make build` first.", file=sys.stderr)
        return 2
    if not args.policy.is_file():
        print(f"{args.policy} is missing: run this script from a copy of the handbook's repository.", file=sys.stderr)
        return 2
    needed = site_hashes(args.site)
    if args.write:
        text = args.config.read_text("utf-8")
        args.config.write_text(with_policies(text, read_policies(args.policy), sorted(needed)), "utf-8")
        print(f"{args.config}: the policies of {args.policy.name}; script-src lists {len(needed)} hashes.")
        return 0
    if args.check:
        return check(args)
    for item, pages in sorted(needed.items()):
        print(f"{item}  {len(pages):3d} pages, e.g. {pages[0]}")
    return 0


def check(args: argparse.Namespace) -> int:
    """--check: report each missing hash and each difference from csp.json; 1 if there is one."""
    missing, unused = compare(args.site, args.config)
    differences = policy_differences(args.config.read_text("utf-8"), read_policies(args.policy))
    for item, pages in missing.items():
        print(f"missing {item} (inline script in {len(pages)} pages, e.g. {pages[0]})", file=sys.stderr)
    for item in unused:
        print(f"unused {item} (harmless; --write removes it)", file=sys.stderr)
    for difference in differences:
        print(difference, file=sys.stderr)
    if missing or differences:
        print(f"Run `python3 hosting/csp_hashes.py --write` and deploy {args.config.name} with the site.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
