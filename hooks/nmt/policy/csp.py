"""The Content-Security-Policy, from the one file that states it: csp.json beside this module.

Three kinds of page, three policies:
- "reader": every reader page online (and what hosting/nginx.conf sends for them);
- "offline": a page of the offline copy, the reader policy plus the one inline script
  the vendored iframe-worker shim writes into its hidden frame;
- "admin": the editor at /admin/, its own policy (styles inline, GitHub's API).
The build writes each page's <meta> from here (policy/html.with_csp, output/admin.py).
hosting/csp_hashes.py reads the same csp.json to write and check hosting/nginx.conf; it
stays standard-library only for regions that run it without the handbook's venv, so
it cannot import this module. tests/hosting/test_csp_source.py holds the built <meta>
and nginx.conf's header to the same policy.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

POLICY_FILE = Path(__file__).with_name("csp.json")
KINDS = ("reader", "offline", "admin")


def csp_hash(script: str) -> str:
    """The CSP source expression that allows one inline script (its exact text)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def read_policies() -> dict:
    """csp.json as written; read on every call, so an edit applies to the next page built."""
    return json.loads(POLICY_FILE.read_text("utf-8"))


def directives(kind: str, script_hashes: list[str] = ()) -> dict[str, list[str]]:
    """The policy of a kind of page as directive → sources, all of it (header-only
    directives too); script-src lists script_hashes after its own sources."""
    if kind not in KINDS:
        raise ValueError(f"no CSP for {kind!r}: the kinds are {', '.join(KINDS)}")
    policies = read_policies()
    base = policies["admin" if kind == "admin" else "reader"]["directives"]
    added = policies["offline"]["add"] if kind == "offline" else {}
    return {name: [*sources, *(script_hashes if name == "script-src" else ()), *added.get(name, ())]
            for name, sources in base.items()}


def meta_policy(kind: str, inline_scripts: list[str] = ()) -> str:
    """The content of a page's CSP <meta>: the policy less what a <meta> cannot carry,
    script-src with the hashes of the page's inline scripts (sorted, each once)."""
    header_only = set(read_policies()["header_only"]["directives"])
    hashes = sorted({csp_hash(script) for script in inline_scripts})
    return "; ".join(" ".join([name, *sources]) for name, sources in directives(kind, hashes).items()
                     if name not in header_only)
