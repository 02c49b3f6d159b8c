"""Every kind of build error an editor can meet is explained in CONTRIBUTING.md.

The rule: the first column of the error table in CONTRIBUTING.md holds each
message whole, in backticks, as the build prints it after `file:line: `. Where
a message has a part that changes from case to case (a file name, a number, a
quoted value, the suggestions after "did you mean"), the row writes … instead
of that part. A message is documented when one row matches it from its first
to its last character, each … standing for any text without a dash (—) in it:
so a row cannot leave out the "what to do" half after the dash, or hide it
behind a ….
"""
import re

from fixture_sites import ERRORS, ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
TABLE = "## Felmeddelanden och hur du rättar dem"
PLACEHOLDER = "…"
VARYING_PART = "[^—]+?"
FILE_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.+)$")  # a refused file name may hold spaces


def documented_messages(guide: str | None = None) -> list[re.Pattern]:
    """The backticked messages in the first column of the error table, as patterns."""
    text = GUIDE.read_text("utf-8") if guide is None else guide
    assert TABLE in text, f"CONTRIBUTING.md has no section {TABLE!r}"
    section = text.split(TABLE, 1)[1].split("\n## ", 1)[0]
    patterns = []
    for first_cell in re.findall(r"^\| (.+?) \|", section, re.M):
        for message in re.findall(r"`([^`]+)`", first_cell):
            patterns.append(re.compile(VARYING_PART.join(map(re.escape, message.split(PLACEHOLDER)))))
    return patterns


def undocumented(messages, guide: str | None = None) -> list[str]:
    """The messages (without the file:line: prefix) that no row of the table matches whole."""
    patterns = documented_messages(guide)
    return [message for message in messages if not any(p.fullmatch(message) for p in patterns)]


def fixture_messages() -> list[tuple[str, str]]:
    found = []
    for expected in sorted(ERRORS.glob("*/expected.txt")):
        for line in expected.read_text("utf-8").splitlines():
            match = FILE_LINE.match(line)
            assert match, f"{expected}: {line!r} does not start with file:line:"
            found.append((expected.parent.name, match["message"]))
    return found


def test_every_fixture_error_message_is_in_the_editor_guide():
    missing = [f"{kind}: {message}" for kind, message in fixture_messages() if undocumented([message])]
    assert not missing, "explain these in CONTRIBUTING.md (the whole message, … for what varies):\n" + "\n".join(missing)


GUIDE_WITH_ONE_ROW = f"""{TABLE}

| Meddelandet | Det betyder | Så rättar du |
|---|---|---|
| `the link '…' points to a page that does not exist — check the path and file name.` | x | y |
"""


def test_a_row_matches_the_whole_message_and_only_that():
    documented = "the link 'indx.md' points to a page that does not exist — check the path and file name."
    assert undocumented([documented], GUIDE_WITH_ONE_ROW) == []
    not_documented = [
        "the link 'indx.md' points to a page that does not exist",  # the advice is missing
        "the link 'indx.md' points to a page that does not exist — check the path.",  # other advice
        "the link 'indx.md' points to a heading that does not exist — check the path and file name.",
        "note: the link 'indx.md' points to a page that does not exist — check the path and file name.",
        "the link 'a — b' points to a page that does not exist — check the path and file name.",  # … has no dash
    ]
    assert undocumented(not_documented, GUIDE_WITH_ONE_ROW) == not_documented
