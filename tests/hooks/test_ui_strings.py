"""One file of UI strings (hooks/nmt/core/strings.yml): every text in every language."""
import re
import string
from pathlib import Path

from nmt.core.site_facts import load_site_config, site_languages
from nmt.core.strings import all_strings

ROOT = Path(__file__).resolve().parents[2]


def shape(value, path=""):
    """Every key path of the strings, with the {placeholders} of each text."""
    if isinstance(value, dict):
        return {item for key, child in value.items() for item in shape(child, f"{path}.{key}")}
    if isinstance(value, list):
        return {item for index, child in enumerate(value) for item in shape(child, f"{path}[{index}]")}
    fields = sorted(name for _, name, _, _ in string.Formatter().parse(value) if name)
    return {(path, tuple(fields))}


def test_every_text_exists_in_every_language_with_the_same_placeholders():
    texts = all_strings()
    languages = site_languages(load_site_config(ROOT / "mkdocs.yml"))
    assert sorted(texts) == sorted(languages)
    default = shape(texts[languages[0]])
    for language in languages[1:]:
        other = shape(texts[language])
        assert other == default, (f"only in {languages[0]}: {sorted(default - other)}; "
                                  f"only in {language}: {sorted(other - default)}")


def test_the_check_notices_a_missing_translation():
    texts = all_strings()
    broken = {**texts["en"], "redirects": {"heading": texts["en"]["redirects"]["heading"]}}
    assert shape(broken) != shape(texts["sv"])


def test_templates_take_texts_and_the_default_language_from_the_build_not_from_the_template():
    texts = [text for language in all_strings().values() for text in language["templates"].values() if len(text) > 8]
    for template in (ROOT / "overrides").rglob("*.html"):
        code = re.sub(r"\{#.*?#\}", "", template.read_text("utf-8"), flags=re.S)  # comments may quote a text
        assert not re.search(r"""==\s*["'](sv|en)["']""", code), f"{template}: compares with a written language code"
        assert not [text for text in texts if text in code], f"{template}: a UI text written in the template"
