"""The last line of defence holds: html_policy's allow-lists and the output
guard refuse what must never reach a page, whatever path it took."""
import datetime
from types import SimpleNamespace

import pytest

from nmt.output import guard as output_guard
from nmt.core.state import Build
from nmt.policy.html import CONTENT_ELEMENTS, PAGE_ELEMENTS, KnownScripts, check_page, content_violations

# Elements that load or run something, or change where the page's links and forms go.
NEVER = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe", "template",
         "style", "math", "svg", "form", "script", "link", "meta", "audio", "video", "source", "track", "picture")
PAGE_ONLY = {"script", "link", "meta", "form", "svg"}   # Material's own, checked one by one in check_page


@pytest.mark.parametrize("tag", NEVER)
def test_the_content_allow_list_has_no_element_that_loads_or_runs_something(tag):
    assert tag not in CONTENT_ELEMENTS


@pytest.mark.parametrize("tag", [tag for tag in NEVER if tag not in PAGE_ONLY])
def test_the_page_allow_list_has_none_either(tag):
    assert tag not in PAGE_ELEMENTS


def finished_page(body: str) -> str:
    return f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("body", ['<iframe src="https://evil.example/"></iframe>', "<object data=x></object>",
                                  '<embed src="x">', '<base href="https://evil.example/">',
                                  '<p><img src="//evil.example/p.png" alt=""></p>',
                                  '<p><img src="/&#9;/evil.example/p.png" alt=""></p>',
                                  '<a href="java&#10;script:alert(1)">x</a>', '<p onclick="x">x</p>',
                                  '<h2 id="a">A</h2><h2 id="a">B</h2>'])
def test_a_finished_page_with_it_is_refused(body):
    violations, _ = check_page(finished_page(body), KnownScripts(frozenset()), "index.html")
    assert violations, body


def test_content_with_an_iframe_is_refused():
    assert any("<iframe>" in v.message for v in content_violations('<iframe src="https://x.se/"></iframe>'))


def guard(output: str, content: str = ""):
    build = Build(preview=False, today=datetime.date(2026, 12, 1), revision=None, default_language="sv", languages=["sv"])
    build.begin("sv").known_scripts = KnownScripts(frozenset())
    config = _Config(config_file_path="/site/mkdocs.yml", docs_dir="/site/docs", theme={"language": "sv"})
    page = SimpleNamespace(url="sida/", content=content,
                           file=SimpleNamespace(src_path="sida.md", src_uri="sida.md", content_string="Text.\n",
                                                abs_src_path="/site/docs/sida.md"))
    return output_guard.guard_page(build, output, page, config)


class _Config(dict):
    """The few config keys the guard reads, as MkDocs' config offers them (keys and attributes)."""

    def __getattr__(self, name):
        return self[name]


def test_the_guard_writes_a_refusal_instead_of_a_page_with_an_iframe():
    written = guard(finished_page('<iframe src="https://evil.example/"></iframe>'))
    assert "<iframe" not in written and "The build refused this page" in written


def test_the_guard_writes_a_good_page_with_its_security_policy():
    written = guard(finished_page("<p>Text.</p>"))
    assert "<p>Text.</p>" in written and 'http-equiv="Content-Security-Policy"' in written
