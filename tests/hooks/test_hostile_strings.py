"""Property test: hostile strings in any front-matter or data field are either
refused with a line, or end up in the HTML as text, never as markup."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from nmt.core.escape import markdown_text
from nmt.core.yaml_lines import YamlProblem, load_yaml
from nmt.theme.escaping import escaped
from nmt.policy.html import content_violations
from markdown_like_the_site import render

HOSTILE = st.sampled_from([
    "<", ">", "\"", "'", "&", "&lt;", "&#106;", "&amp;lt;", "javascript:", "](", "[", ")", "!", "*", "_", "`",
    "\x00", "\u202e", "\u200b", "{:", "}", " onclick=", "//evil.example", " ", "\n", "x", "ö", "1.", "- ", "#",
    "<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>", "|", "\\", "~~", "^", "==",
])
hostile = st.lists(st.one_of(HOSTILE, st.text(max_size=4)), min_size=1, max_size=12).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def accepted(value: str):
    """The value as the YAML loader hands it on, or None when it is refused."""
    try:
        data = load_yaml(f"title: {json.dumps(value)}\n")
    except YamlProblem as problem:
        assert problem.line == 1 and problem.message
        return None
    return data["title"]


# What the loader lets through (refusals are checked inside accepted()).
passed_on = hostile.map(accepted).filter(lambda value: value is not None)


@SETTINGS
@given(value=passed_on)
def test_front_matter_text_is_printed_as_text_in_text_and_attributes(value):
    shown = escaped(value)
    tree = LexborHTMLParser(f'<body><p title="{shown}">{shown}</p></body>')
    elements = [node.tag for node in tree.body.traverse(include_text=False)]
    assert elements == ["body", "p"]
    paragraph = tree.css_first("p")
    assert paragraph.attributes["title"] == value.replace("\r", "")
    assert paragraph.text() == value.replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(value=passed_on)
def test_data_text_in_generated_markdown_never_becomes_a_link_image_or_tag(value):
    html = render("## Rubrik {#rubrik}\n\n" + markdown_text(" ".join(value.split())))
    assert content_violations(html) == []
    tags = {node.tag for node in LexborHTMLParser(f"<body>{html}</body>").body.traverse(include_text=False)}
    assert tags <= {"body", "h2", "a", "p"}, (value, html)
    links = LexborHTMLParser(html).css("a")
    assert [a.attributes.get("class") for a in links] == ["headerlink"], (value, html)
