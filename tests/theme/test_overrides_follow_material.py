"""Copied Material templates cannot drift silently when Material is upgraded.

Where overrides/ replaces a Material file or block instead of extending it,
the table below holds the SHA-256 of the Material original it was copied
from (Material 9.8.2). When an upgrade changes an original, this test fails:
compare the new original with our copy, carry Material's change over (or
decide not to, and say so in the override's comment), then put the new hash
here. Every copy also says in its first comment what it changes.
"""
import hashlib
import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"

COPIED_FILES = {
    "partials/content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "404.html": "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
}
# Blocks of Material's base.html that overrides/main.html replaces.
COPIED_BLOCKS = {
    "site_meta": "26f3fa30991041e52860342b32b079b4c576cb769766e265537384d7a5d4643b",
    "htmltitle": "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def block(template: str, name: str) -> str:
    match = re.search(r"\{%\s*block " + name + r"\s*%\}.*?\{%\s*endblock\s*%\}", template, re.S)
    assert match, f"Material's base.html has no block {name} any more: overrides/main.html must be rethought"
    return match.group(0)


def test_every_copied_material_file_is_the_one_our_copy_was_made_from():
    changed = [name for name, digest in COPIED_FILES.items()
               if sha256((MATERIAL / name).read_text("utf-8")) != digest]
    assert not changed, f"Material changed {changed} since overrides/ copied them — compare and update (see docstring)"


def test_every_replaced_block_of_base_html_is_the_one_our_copy_was_made_from():
    base = (MATERIAL / "base.html").read_text("utf-8")
    changed = [name for name, digest in COPIED_BLOCKS.items() if sha256(block(base, name)) != digest]
    assert not changed, f"Material changed the blocks {changed} of base.html since overrides/main.html copied them"


def test_the_table_lists_every_override_of_a_material_file():
    ours = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")}
    replacing = {name for name in ours if (MATERIAL / name).exists() and name != "main.html"}
    assert replacing == set(COPIED_FILES)


def test_every_override_says_what_it_changes():
    for name in [*COPIED_FILES, "main.html"]:
        text = (ROOT / "overrides" / name).read_text("utf-8")
        assert text.startswith("{#-"), f"overrides/{name} must start with a comment saying what it changes and why"
