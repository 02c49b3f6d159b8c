"""Every kind of build error an editor can meet is explained in CONTRIBUTING.md."""
import re

from fixture_sites import ERRORS, ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")


def documented_phrases():
    """Fragments of the backticked messages in the first column of the error table."""
    phrases = []
    for row in re.findall(r"^\| (.+?) \|", GUIDE, re.M):
        for quoted in re.findall(r"`([^`]+)`", row):
            phrases += [part.strip(" '") for part in quoted.split("…") if len(part.strip(" '")) > 4]
    return phrases


def test_every_fixture_error_message_is_in_the_editor_guide():
    phrases = documented_phrases()
    undocumented = []
    for expected in sorted(ERRORS.glob("*/expected.txt")):
        for line in expected.read_text("utf-8").splitlines():
            message = line.split(": ", 1)[1] if ": " in line else line
            if not any(phrase in message for phrase in phrases):
                undocumented.append(f"{expected.parent.name}: {message}")
    assert not undocumented, "explain these in CONTRIBUTING.md:\n" + "\n".join(undocumented)
