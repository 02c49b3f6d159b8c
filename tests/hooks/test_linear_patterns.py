"""No pattern over editor text is super-linear.

Each pattern or scan that was rewritten gets the kind of input that made its
old form backtrack, about 50 KB of it, and must finish well under a second
of CPU. Because a quadratic pattern in C can still take only about a second
on 50 KB, the time is also held against fifty 1 KB pieces of the same input:
linear work takes about as long for both, quadratic work fifty times longer.
This guards against a return to quadratic or exponential time; it is not a
speed goal (those are in `make bench`)."""
import time

import pytest

from nmt.checks import readability
from nmt.core.escape import markdown_text
from nmt.core.markdown import FRONT_MATTER, mask_front_matter, prose
from nmt.blocks.glossary_text import check_avoided, check_references, link_texts, unclosed_references, without_ids_and_addresses
from nmt.checks.links import link_targets
from nmt.blocks.statute_text import link_statutes
from nmt.checks.translation_parity import explicit_heading_id, heading_ids
from nmt.core.urls import cleaned, read
from nmt.registers import regions

# name: (what runs, the input of about n characters)
CASES = {
    # translation_parity: one 18 KB heading line took minutes
    "heading ids of a heading line of braces": (heading_ids, lambda n: "## " + "{ #a " * (n // 5) + "\n"),
    "heading id, braces without a close": (explicit_heading_id, lambda n: "# a" + " {" * (n // 2) + " #b"),
    # front matter (\s* after the fences)
    "front matter, blank lines and no closing fence": (FRONT_MATTER.match, lambda n: "---\n" + " \n" * (n // 2) + "a"),
    "prose of a page with such front matter": (prose, lambda n: "---\n" + " \n" * (n // 2) + "a"),
    "front matter mask": (mask_front_matter, lambda n: "---" + "\n" * n + "a"),
    # glossary
    "unclosed [[ on one line": (unclosed_references, lambda n: "[[" * (n // 2)),
    "the glossary check on such a line": (lambda text: check_references(text, "docs/a.md", {}), lambda n: "[[" * (n // 2)),
    "ids and link targets without a close": (without_ids_and_addresses, lambda n: "{" * (n // 2) + "](" * (n // 4)),
    "link texts of unmatched brackets": (link_texts, lambda n: "[" * (n // 2) + "](" * (n // 4)),
    # link_policy: targets in the source
    "reference lines without a closing bracket": (lambda text: list(link_targets(text)), lambda n: "[\n" * (n // 2) + "]:"),
    "autolinks that never close": (lambda text: list(link_targets(text)), lambda n: "<https://a" * (n // 10)),
    # the one URL reader (html_policy's edge stripping scanned every inner space)
    "an address of spaces": (cleaned, lambda n: "a" + " " * n + "b"),
    "an address of slashes and at signs": (read, lambda n: "https:" + "\\/" * (n // 4) + "@" * (n // 2)),
    # generated Markdown and the statute register's links
    "Markdown escaping of blank lines": (markdown_text, lambda n: "\n" * n + "x"),
    "sfs: links that never close": (lambda text: link_statutes(text, {}), lambda n: "[a](sfs:" * (n // 8)),
    # checks/readability.py (the LIX measure of the build and of make lix)
    "LIX tags that never close": (readability.HTML_TAG.findall, lambda n: "<a" * (n // 2)),
    "LIX attribute lists that never close": (readability.ATTR_LIST.findall, lambda n: "{#" * (n // 2)),
    "LIX links of brackets": (readability.LINK.findall, lambda n: "[" * (n // 2) + "](" * (n // 4)),
    "LIX admonitions of tabs": (readability.ADMONITION.match, lambda n: "\t" * n + "x"),
    "LIX sentence ends of dots": (readability.SENTENCE_END.findall, lambda n: "." * n + "x"),
    "LIX on a hostile page": (readability.measure, lambda n: "\n".join(part * (n // 10) for part in (".", "\t", "<a", "[[", "\n"))),
    # registers/regions.py: a region's id (checked by length first too), a supplement's heading levels
    "region ids of dashes that end badly": (regions.ID.fullmatch, lambda n: "a-" * (n // 2) + "!"),
    "supplement headings of spaces and hashes": (lambda text: regions.heading_level_findings(text, "r.md"),
                                                 lambda n: " ## \n" * (n // 5)),
}


def cpu_seconds(function, texts) -> float:
    started = time.process_time()
    for text in texts:
        function(text)
    return time.process_time() - started


def least_cpu_seconds(function, text: str, runs: int = 3) -> float:
    """The fastest of a few runs: a busy machine only ever adds time."""
    return min(cpu_seconds(function, [text]) for _ in range(runs))


@pytest.mark.parametrize("name", CASES)
def test_pattern_is_linear_on_the_input_that_made_it_backtrack(name):
    """Four times the input may take about four times as long (linear), not sixteen (quadratic)."""
    function, make = CASES[name]
    quarter = least_cpu_seconds(function, make(12_500))
    whole = least_cpu_seconds(function, make(50_000))
    assert whole < 1.0, f"{name}: {whole:.2f} s of CPU for 50 KB"
    assert whole < 8 * quarter + 0.02, f"{name}: {whole:.3f} s for 50 KB, {quarter:.3f} s for 12.5 KB"


def test_discouraged_wording_is_linear_in_the_page():
    from nmt.blocks.glossary_text import avoided_wording
    from nmt.registers.glossary import load_glossary
    glossary = "\n".join(f"- id: c{n}\n  sv: {{term: t{n}, definition: d, avoid: [{{term: ord{n}a, use: t{n}}}]}}\n"
                         f"  en: {{term: e{n}, definition: d}}" for n in range(300))
    concepts, findings = load_glossary(glossary, "docs/glossary.yml", ["sv", "en"])
    assert findings == []
    text = ("ord1a " + "{" * 10 + " ordx ") * 2500
    assert cpu_seconds(lambda page: check_avoided(page, "docs/a.md", avoided_wording(concepts, "sv")), [text]) < 1.0
