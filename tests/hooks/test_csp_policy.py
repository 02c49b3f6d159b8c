"""policy/csp.py: every page's Content-Security-Policy <meta> from csp.json — the reader
pages strict, the offline copy with exactly one more script, the editor's own narrow one."""
from html.parser import HTMLParser

import pytest

from nmt.policy.csp import csp_hash, directives, meta_policy
from nmt.policy.html import with_csp

# What a <meta> cannot carry (CSP Level 3, "policy delivery via <meta>"): a browser ignores it there.
META_IGNORES = {"frame-ancestors", "report-uri", "sandbox"}
# The editor's policy as narrow as it was when it moved to csp.json: a test of the editor
# (tests/browser/test_editor_form.py) must pass before anything is added here.
ADMIN_AT_MOST = {
    "default-src": {"'none'"}, "script-src": {"'self'"}, "style-src": {"'self'", "'unsafe-inline'"},
    "img-src": {"'self'", "data:", "blob:"}, "font-src": {"'self'"},
    "connect-src": {"'self'", "https://api.github.com"}, "base-uri": {"'none'"}, "form-action": {"'none'"},
    "object-src": {"'none'"}, "frame-ancestors": {"'none'"},
}
PAGE = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body></body></html>'
OFFLINE_PAGE = PAGE.replace("<title>", '<script src="assets/vendor/iframe-worker/shim.js"></script><title>')


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


def meta_of(page: str) -> dict[str, list[str]]:
    parser = MetaPolicies()
    parser.feed(page)
    assert len(parser.policies) == 1, parser.policies
    return parsed(parser.policies[0])


@pytest.mark.parametrize("kind", ["reader", "offline", "admin"])
def test_a_meta_carries_nothing_a_browser_ignores_there_and_the_header_does(kind):
    assert not META_IGNORES & set(parsed(meta_policy(kind)))
    assert directives(kind)["frame-ancestors"] == ["'none'"]   # sent by the server instead


@pytest.mark.parametrize("kind", ["reader", "offline"])
def test_reader_pages_allow_nothing_inline_but_their_own_scripts_by_hash(kind):
    policy = parsed(meta_policy(kind, ["a=1", "b=2", "a=1"]))
    assert policy["default-src"] == ["'none'"]
    assert all({"'unsafe-inline'", "'unsafe-eval'", "*", "https:", "data:"}.isdisjoint(sources)
               for name, sources in policy.items() if name != "img-src"), policy
    assert policy["script-src"][:3] == ["'self'", *sorted({csp_hash("a=1"), csp_hash("b=2")})]
    assert "frame-src" not in policy   # frames fall back to default-src 'none'


def test_the_offline_copy_allows_exactly_one_more_script():
    online, offline = parsed(meta_policy("reader", ["a=1"])), parsed(meta_policy("offline", ["a=1"]))
    assert {name: sources for name, sources in offline.items() if name != "script-src"} == \
           {name: sources for name, sources in online.items() if name != "script-src"}
    assert offline["script-src"][:2] == online["script-src"] and len(offline["script-src"]) == 3


def test_the_editor_keeps_its_own_narrow_policy():
    admin = directives("admin")
    for name, sources in admin.items():
        assert set(sources) <= ADMIN_AT_MOST.get(name, set()), f"the editor's {name} grew: {sources}"
    assert admin["script-src"] == ["'self'"]
    assert [name for name, sources in admin.items() if "'unsafe-inline'" in sources] == ["style-src"]
    assert "'unsafe-inline'" not in directives("reader")["style-src"]


def test_an_unknown_kind_of_page_has_no_policy():
    with pytest.raises(ValueError, match="reader, offline, admin"):
        meta_policy("preview")


def test_with_csp_puts_the_policy_first_after_the_charset():
    page = with_csp(PAGE, ["x=1"])
    assert page.index("<meta charset") < page.index("Content-Security-Policy") < page.index("<title>")
    assert meta_of(page) == parsed(meta_policy("reader", ["x=1"]))


def test_with_csp_gives_a_page_with_the_iframe_worker_shim_the_offline_policy():
    assert meta_of(with_csp(OFFLINE_PAGE, [])) == parsed(meta_policy("offline"))
    assert meta_of(with_csp(PAGE, [])) == parsed(meta_policy("reader"))
