"""mkdocs.yml holds the menu and the site's facts only, and nothing in it runs while it is read."""
import subprocess
import sys
import types
from pathlib import Path

import pytest

from fixture_sites import ROOT
from nmt.checks.site_config import config_findings, declared_hooks, hooks_findings

SITE = (ROOT / "mkdocs.yml").read_text("utf-8")


def editor_file(tmp_path: Path, text: str) -> Path:
    """A copy of the real mkdocs.yml (changed by the test) whose INHERIT points at the real base."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(text.replace("INHERIT: mkdocs-base.yml", f"INHERIT: {ROOT / 'mkdocs-base.yml'}"), "utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    return [str(finding) for finding in config_findings(editor_file(tmp_path, text))]


def line_of(text: str, piece: str) -> int:
    return text[:text.index(piece)].count("\n") + 1


def test_the_site_s_own_configurations_pass_and_load_only_the_pipeline():
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        assert config_findings(ROOT / name) == [], name
        assert declared_hooks(ROOT / name) == [ROOT / "hooks" / "pipeline.py"], name


DEVELOPER_SETTINGS = [
    ("hooks:\n  - hooks/pipeline.py\n  - evil.py\n", "hooks"),
    ("markdown_extensions:\n  - pymdownx.snippets\n", "markdown_extensions"),
    ("theme:\n  custom_dir: evil\n", "theme"),
    ("docs_dir: /\n", None),
    ("site_dir: /tmp/elsewhere\n", "site_dir"),
    ("extra_javascript:\n  - https://evil.example/x.js\n", "extra_javascript"),
    ("validation:\n  links: {not_found: ignore}\n", "validation"),
    ("exclude_docs: ''\n", "exclude_docs"),
    ("dev_addr: 0.0.0.0:80\n", "dev_addr"),
]


@pytest.mark.parametrize("added, key", DEVELOPER_SETTINGS, ids=[case[0].split(":")[0] for case in DEVELOPER_SETTINGS])
def test_a_developer_setting_in_mkdocs_yml_is_refused_at_its_line(tmp_path, added, key):
    text = SITE + added
    [message] = messages(tmp_path, text)
    if key is None:
        assert message == f"mkdocs.yml:{line_of(text, added)}: 'docs_dir' must be docs — the pages live in docs/"
    else:
        assert message == (f"mkdocs.yml:{line_of(text, added)}: '{key}' cannot be set in mkdocs.yml, which holds the "
                           "menu and the site's name and address — developer settings belong in mkdocs-base.yml")


@pytest.mark.parametrize("old, new, refused", [
    ("plugins:\n  i18n:\n", "plugins:\n  search: {}\n  i18n:\n", "plugins.search"),
    ("plugins:\n  i18n:\n", "plugins:\n  material/blog: {}\n  i18n:\n", "plugins.material/blog"),
    ("    languages:\n", "    docs_structure: folder\n    languages:\n", "plugins.i18n.docs_structure"),
    ("        name: English\n", "        name: English\n        theme: {custom_dir: evil}\n",
     "plugins.i18n.languages.theme"),
    ("extra:\n  # Footer", "extra:\n  offline_copy: true\n  link_policy: {deny: []}\n  # Footer", "extra.offline_copy"),
])
def test_only_the_menu_and_the_site_s_facts_pass_inside_plugins_and_extra(tmp_path, old, new, refused):
    text = SITE.replace(old, new, 1)
    assert text != SITE
    [message] = messages(tmp_path, text)
    assert f": '{refused}' cannot be set in mkdocs.yml" in message


@pytest.mark.parametrize("value, tag", [
    ("!ENV GITHUB_TOKEN", "!ENV"),
    ("!relative $config_dir", "!relative"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!python/object/apply:os.system ['echo owned']", "!!python/object/apply:os.system"),
    ("!custom 1", "!custom"),
])
def test_a_yaml_tag_in_mkdocs_yml_is_refused(tmp_path, value, tag):
    text = SITE.replace("copyright: Nationellt", f"copyright: {value}\nrepo_name2: Nationellt", 1)
    [message] = messages(tmp_path, text)
    assert message == (f"mkdocs.yml:{line_of(text, value)}: the YAML tag '{tag}' is not allowed in mkdocs.yml (tags "
                       "read the environment or run code) — write the value itself")


def test_checking_mkdocs_yml_runs_nothing_it_holds(tmp_path):
    """MkDocs' own loader would create the folder; the check only composes the YAML."""
    target = tmp_path / "created-by-yaml"
    text = SITE + f"extra_css: !!python/object/apply:os.mkdir ['{target}']\n"
    result = subprocess.run([sys.executable, "-m", "nmt.checks.site_config", str(editor_file(tmp_path, text))],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "the YAML tag '!!python/object/apply:os.mkdir' is not allowed in mkdocs.yml" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("added, expected", [
    ("<<: {hooks: [evil.py]}\n", "the YAML merge key '<<' is not allowed in mkdocs.yml — write the keys out in full"),
    ("repo_name: &name x\nedit_uri: *name\n", "YAML anchors and aliases (&name, *name) are not allowed"),
])
def test_yaml_that_hides_keys_is_refused(tmp_path, added, expected):
    text = SITE.replace("repo_name: nmt-handbok\n", "") + added
    [message] = messages(tmp_path, text)
    assert expected in message


@pytest.mark.parametrize("title, expected", [
    ('"<img src=x onerror=alert(1)>"', "'<' is markup, and this field holds plain text"),
    ('"Historik\u202e"', "the text has an invisible control character (U+202E)"),
    ('"Historik &amp; mer"', "'&amp;' is markup"),
    ("2024", "'nav title' must be text — write it in quotes"),
])
def test_a_menu_title_is_plain_text_reported_on_its_line_in_mkdocs_yml(tmp_path, title, expected):
    text = SITE.replace("      - om-nmt/historik.md\n", f"      - {title}: om-nmt/historik.md\n", 1)
    [message] = messages(tmp_path, text)
    assert message.startswith(f"mkdocs.yml:{line_of(text, 'om-nmt/historik.md')}: {expected}")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "https://evil.example/", "//evil.example/x.md",
                                    "../secret.md", "/etc/passwd.md", "om-nmt/bild.png"])
def test_a_menu_entry_is_a_page_under_docs(tmp_path, target):
    text = SITE.replace("      - om-nmt/historik.md\n", f"      - Historik: {target}\n", 1)
    [message] = messages(tmp_path, text)
    assert message == (f"mkdocs.yml:{line_of(text, target)}: the menu entry '{target}' is not a page — write the "
                       "path of a .md file under docs/, e.g. samverkan/ny-sida.md")


@pytest.mark.parametrize("old, new, expected", [
    ("          Ordlista: Glossary\n", '          Ordlista: "<b>Glossary</b>"\n', "'<' is markup"),
    ("              title: About this site\n", '              title: "About\\u200bthis"\n', "invisible control"),
    ("    - page: om-webbplatsen\n", "    - page: https://evil.example/\n", "footer_links.page: https://evil.example/' "
                                                                          "is not a page path"),
    ("site_url: https://handbok.nmt.example/", "site_url: http://handbok.nmt.example/",
     "'site_url' must be a full https:// address — write it as https://…"),
    ("site_description: Metodhandbok", "site_description: \"Rad ett\\n::notice::Rad två\"\nx: Metodhandbok",
     "'site_description' must be on one line — join the lines"),
    ("INHERIT: mkdocs-base.yml", "INHERIT: docs/egen-bas.yml", "mkdocs.yml must inherit the developers' settings — "
                                                               "write 'INHERIT: mkdocs-base.yml'"),
])
def test_site_facts_and_translations_are_plain_text(tmp_path, old, new, expected):
    assert old in SITE
    text = SITE.replace(old, new, 1)
    [message] = messages(tmp_path, text)
    assert expected in message and "\n" not in message


def test_without_inherit_the_developers_settings_are_missing(tmp_path):
    [message] = messages(tmp_path, SITE.replace("INHERIT: mkdocs-base.yml\n", ""))
    assert message == ("mkdocs.yml:1: mkdocs.yml must inherit the developers' settings — write "
                       "'INHERIT: mkdocs-base.yml'")


def test_a_developer_file_that_inherits_mkdocs_yml_has_mkdocs_yml_checked(tmp_path):
    editor_file(tmp_path, SITE + "hooks: [evil.py]\n")
    offline = tmp_path / "mkdocs-offline.yml"
    offline.write_text("INHERIT: mkdocs.yml\nplugins:\n  offline: {}\n", "utf-8")
    [finding] = config_findings(offline)
    assert finding.path == "mkdocs.yml" and "'hooks' cannot be set in mkdocs.yml" in finding.message


def test_the_loaded_hooks_must_be_the_ones_the_developers_name(tmp_path):
    config = ROOT / "mkdocs.yml"
    pipeline = types.SimpleNamespace(__file__=str(ROOT / "hooks" / "pipeline.py"))
    evil = types.SimpleNamespace(__file__=str(tmp_path / "evil.py"))
    assert hooks_findings(config, {"hooks/pipeline.py": pipeline}) == []
    [finding] = hooks_findings(config, {"hooks/pipeline.py": pipeline, "evil.py": evil})
    loaded = ", ".join(sorted([str(ROOT / "hooks" / "pipeline.py"), str(tmp_path / "evil.py")]))
    assert str(finding) == (f"mkdocs.yml:1: the build loaded the hooks {loaded}, but the developers' configuration "
                            f"names {ROOT / 'hooks' / 'pipeline.py'} — developer settings belong in mkdocs-base.yml, "
                            "and mkdocs.yml names no hooks")
    assert hooks_findings(config, {}) != []   # without the pipeline no check would run at all


@pytest.mark.parametrize("text, expected", [
    ("", "mkdocs.yml:1: mkdocs.yml must inherit the developers' settings — write 'INHERIT: mkdocs-base.yml'"),
    ("nav: " + "[" * 3000 + "]" * 3000 + "\n", "mkdocs.yml:1: the YAML is nested hundreds of levels deep"),
    ("nav:\n  - - a.md\n", "mkdocs.yml:2: an entry of 'nav' is neither a page"),
    ("site_name: \"Handbok\tNMT\"\n", "this line has a tab character"),
])
def test_an_empty_deep_or_odd_mkdocs_yml_gets_a_message_not_a_traceback(tmp_path, text, expected):
    (tmp_path / "mkdocs.yml").write_bytes(text.encode())
    [finding] = config_findings(tmp_path / "mkdocs.yml")
    assert expected in str(finding)


def test_mkdocs_yml_that_is_not_utf8_gets_a_message(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: Handbok \xe5\n")
    [finding] = config_findings(tmp_path / "mkdocs.yml")
    assert str(finding).startswith("mkdocs.yml:1: the file is not UTF-8 text")
