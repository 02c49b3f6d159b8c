"""One Content-Security-Policy: what hosting/nginx.conf sends is what the built pages carry
in their <meta> (less what a <meta> cannot carry), for the reader pages and for the editor
at /admin/. Needs a build, not nginx."""
from __future__ import annotations

from html.parser import HTMLParser

import csp_hashes
from nmt.policy.csp import csp_hash, meta_policy

# What a <meta> cannot carry (CSP Level 3, "policy delivery via <meta>"): only a header sends it.
META_IGNORES = {"frame-ancestors", "report-uri", "sandbox"}
ADMIN_PAGE = "admin/index.html"


def parsed(policy: str) -> dict[str, list[str]]:
    return {words[0]: words[1:] for words in (part.split() for part in policy.split(";")) if words}


class MetaPolicies(HTMLParser):
    def __init__(self):
        super().__init__()
        self.policies: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attributes.get("content") or "")


def page_policy(page) -> dict[str, list[str]]:
    parser = MetaPolicies()
    parser.feed(page.read_text("utf-8"))
    assert len(parser.policies) == 1, f"{page}: {len(parser.policies)} CSP <meta>"
    return parsed(parser.policies[0])


def header(kind: str) -> dict[str, list[str]]:
    policy = csp_hashes.config_policy(csp_hashes.DEFAULT_CONFIG.read_text("utf-8"), kind)
    assert policy is not None, f"hosting/nginx.conf has no {kind} Content-Security-Policy line"
    return parsed(policy)


def without_hashes(policy: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: [source for source in sources if not source.startswith("'sha256-")]
            for name, sources in policy.items() if name not in META_IGNORES}


def test_every_reader_page_carries_the_policy_nginx_sends(built_site):
    sent = header("reader")
    allowed_scripts = {source for source in sent["script-src"] if source.startswith("'sha256-")}
    pages = [page for page in sorted(built_site.rglob("*.html")) if page.relative_to(built_site).as_posix() != ADMIN_PAGE]
    assert len(pages) > 20
    for page in pages:
        carried = page_policy(page)
        where = page.relative_to(built_site).as_posix()
        assert without_hashes(carried) == without_hashes(sent), f"{where}: the <meta> and nginx.conf differ"
        assert {s for s in carried["script-src"] if s.startswith("'sha256-")} <= allowed_scripts, where


def test_the_editor_carries_the_policy_nginx_sends_for_admin(built_site):
    assert page_policy(built_site / ADMIN_PAGE) == without_hashes(header("admin"))
    assert header("admin") != header("reader")


def test_the_hosting_script_and_the_build_write_csp_json_alike():
    policies = csp_hashes.read_policies()
    for kind, scripts in (("reader", ["a=1", "b=2"]), ("admin", [])):
        hashes = sorted(csp_hash(script) for script in scripts)
        from_script = {name: sources for name, sources in parsed(csp_hashes.header_policy(policies, kind, hashes)).items()
                       if name not in META_IGNORES}
        assert parsed(meta_policy(kind, scripts)) == from_script, kind
