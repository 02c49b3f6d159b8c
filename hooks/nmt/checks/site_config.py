"""mkdocs.yml holds the navigation and the site's facts, nothing else.

Editors change mkdocs.yml to add a page to the menu, and CODEOWNERS lets the
editorial team approve that. But MkDocs reads the file with PyYAML's full
loader, so `!!python/object/apply:…` runs Python while the file is read and
`!ENV` reads the build machine's environment, and whatever the file holds
replaces or extends the developers' settings in mkdocs-base.yml: hooks
(Python run by the build), plugins, Markdown extensions
(pymdownx.snippets pastes any file into a page), theme templates, docs_dir.
So mkdocs.yml may hold only what ALLOWED lists — the menu (nav, not_in_nav),
the site's name, description, address, repository and copyright, the footer
links, and what English overrides of those in the i18n plugin — each as
plain text. Its INHERIT must name the mkdocs-base.yml beside it (or beside
the hooks, for a test site). It is read with PyYAML's composer, which builds
no object and runs no tag, and any tag (!ENV, !relative, !!python/…),
anchor, alias or merge key (<<) is refused. Developer settings belong in
mkdocs-base.yml (or mkdocs-offline.yml).

When it is checked:
- `make build` and `make serve` run this file on the configuration before
  MkDocs reads it (`python hooks/nmt/checks/site_config.py mkdocs.yml`), so a tag never
  runs there;
- pipeline.py checks it again first thing in the outer pass's on_config (a
  plain `mkdocs build`), where MkDocs has already loaded the hooks: it also
  checks that the hooks MkDocs loaded are exactly the ones the developers'
  files name (for the site: hooks/pipeline.py alone).
The configuration file given to MkDocs may be another developer file that
inherits mkdocs.yml (mkdocs-offline.yml, a benchmark's variant): the
allow-list applies to the file named mkdocs.yml in the INHERIT chain.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from nmt.checks.source_files import shown
from nmt.core.findings import Finding, stop
from nmt.core.site_facts import ROOT
from nmt.core.yaml_lines import (
    FileProblem,
    YamlProblem,
    decode_utf8,
    refuse_yaml_weapons,
    text_problem,
)
from nmt.policy.html import url_scheme
from nmt.policy.links import check_data_url

EDITOR_FILE = "mkdocs.yml"
DEVELOPER_BASE = "mkdocs-base.yml"
MAX_INHERIT = 5                      # mkdocs-offline.yml → mkdocs.yml → mkdocs-base.yml, and room for a variant
STANDARD_TAGS = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "seq", "map")}
DEVELOPER_SETTING = f"developer settings belong in {DEVELOPER_BASE}"


class ConfigProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def line(node) -> int:
    return node.start_mark.line + 1


# --- what a value may be (each takes the YAML node and the key's dotted name) ---------------------

def text(node, name: str) -> None:
    """Plain text on one line: a title, a name, a description."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise ConfigProblem(line(node), f"'{name}' must be text — write it in quotes")
    if "\n" in node.value.rstrip("\n"):
        raise ConfigProblem(line(node), f"'{name}' must be on one line — join the lines")
    problem = text_problem(node.value)
    if problem:
        raise ConfigProblem(line(node), problem)


def patterns(node, name: str) -> None:
    """not_in_nav: file patterns, one a line."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise ConfigProblem(line(node), f"'{name}' must be text — write one file pattern a line")
    problem = text_problem(node.value)
    if problem:
        raise ConfigProblem(line(node), problem)


def flag(node, name: str) -> None:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
        raise ConfigProblem(line(node), f"'{name}' must be true or false — write true or false")


def https_address(node, name: str) -> None:
    text(node, name)
    if check_data_url(node.value, []) is not None:
        raise ConfigProblem(line(node), f"'{name}' must be a full https:// address — write it as https://…")


def page_path(value: str) -> bool:
    """A relative path inside docs/: no scheme, no host, no '..', no leading '/'."""
    parts = value.split("/")
    return (bool(value) and url_scheme(value) is None and not value.startswith(("/", "\\"))
            and "\\" not in value and all(part not in ("", ".", "..") for part in parts))


def nav_page(node, name: str) -> None:
    text(node, name)
    if not (page_path(node.value) and node.value.endswith(".md")):
        raise ConfigProblem(line(node), f"the menu entry '{shown(node.value)}' is not a page — write the path of "
                                        "a .md file under docs/, e.g. samverkan/ny-sida.md")


def footer_page(node, name: str) -> None:
    text(node, name)
    if not page_path(node.value) or node.value.endswith(".md"):
        raise ConfigProblem(line(node), f"'{name}: {shown(node.value)}' is not a page path — write the page's "
                                        "path under docs/ without .md, e.g. om-webbplatsen")


def nav(node, name: str) -> None:
    """A list of pages ('a.md'), titled pages ('Title: a.md') and sections ('Title: [ … ]')."""
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigProblem(line(node), f"'{name}' must be a list of pages and sections — write each entry on a "
                                        "line of its own, starting with '- '")
    for item in node.value:
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            title, target = item.value[0]
            text(title, f"{name} title")
            (nav if isinstance(target, yaml.SequenceNode) else nav_page)(target, name)
        elif isinstance(item, yaml.ScalarNode):
            nav_page(item, name)
        else:
            raise ConfigProblem(line(item), f"an entry of '{name}' is neither a page ('a.md'), a titled page "
                                            "('Title: a.md') nor a section ('Title:' and a list under it) — "
                                            "write it in one of these forms")


def mapping(**fields):
    """A mapping with only these keys, each checked by its own rule."""
    def check(node, name: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            raise ConfigProblem(line(node), f"'{name}' must be a mapping of keys — write 'key: value' lines "
                                            "under it")
        for key, value in node.value:
            key_name = shown(f"{name}.{key.value}" if name else str(key.value))
            if key.tag == "tag:yaml.org,2002:merge":
                raise ConfigProblem(line(key), "the YAML merge key '<<' is not allowed in mkdocs.yml — write the "
                                               "keys out in full")
            if not isinstance(key, yaml.ScalarNode) or key.value not in fields:
                raise ConfigProblem(line(key), f"'{key_name}' cannot be set in {EDITOR_FILE}, which holds the menu "
                                               f"and the site's name and address — {DEVELOPER_SETTING}")
            fields[key.value](value, key_name)
    return check


def list_of(item):
    def check(node, name: str) -> None:
        if not isinstance(node, yaml.SequenceNode):
            raise ConfigProblem(line(node), f"'{name}' must be a list — write each item on a line of its own, "
                                            "starting with '- '")
        for element in node.value:
            item(element, name)
    return check


def translations(node, name: str) -> None:
    """nav_translations: Swedish section title → its translation."""
    if not isinstance(node, yaml.MappingNode):
        raise ConfigProblem(line(node), f"'{name}' must be a mapping of section titles — write 'Swedish title: "
                                        "English title' lines under it")
    for key, value in node.value:
        text(key, name)
        text(value, f"{name}.{key.value}")


def only(expected: str, advice: str):
    def check(node, name: str) -> None:
        text(node, name)
        if node.value != expected:
            raise ConfigProblem(line(node), f"'{name}' must be {expected} — {advice}")
    return check


FOOTER_LINKS = list_of(mapping(page=footer_page, title=text))
SITE_TEXTS = {"site_name": text, "site_description": text, "copyright": text}
LANGUAGE = mapping(locale=text, default=flag, name=text, build=flag, **SITE_TEXTS,
                   extra=mapping(footer_links=FOOTER_LINKS), nav_translations=translations)
ALLOWED = mapping(
    INHERIT=text,  # where it points is checked against the hooks' folder (inherits_base)
    **SITE_TEXTS, site_url=https_address, repo_url=https_address, repo_name=text, edit_uri=text,
    docs_dir=only("docs", "the pages live in docs/"),
    extra=mapping(footer_links=FOOTER_LINKS),
    not_in_nav=patterns, nav=nav,
    plugins=mapping(i18n=mapping(languages=list_of(LANGUAGE))),
)


# --- reading the files ------------------------------------------------------------------------

def composed(path: Path, editor_file: bool):
    """The file's YAML as nodes (nothing built, no tag run); ConfigProblem for what is refused.
    The editors' file is also held to the rules of every editor YAML (no anchors, no tabs, size)."""
    try:
        text = decode_utf8(path.read_bytes())
        if editor_file:
            refuse_yaml_weapons(text)
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (FileProblem, YamlProblem) as problem:
        raise ConfigProblem(problem.line, problem.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ConfigProblem((mark.line + 1) if mark else 1, f"the YAML does not parse ({error.problem}) — check "
                                                            "indentation, colons and quotes on this line and the "
                                                            "one above") from None
    except RecursionError:  # PyYAML's composer recurses once per level
        raise ConfigProblem(1, "the YAML is nested hundreds of levels deep — write the menu with a few levels of "
                               "sections") from None


def refuse_tags(root) -> None:
    """Any tag other than YAML's plain kinds: !ENV, !relative, !!python/… (a loop, not recursion:
    the nesting is the editor's)."""
    waiting = [root]
    while waiting:
        node = waiting.pop()
        if node.tag not in STANDARD_TAGS and node.tag != "tag:yaml.org,2002:merge":
            raise ConfigProblem(line(node), f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is "
                                            f"not allowed in {EDITOR_FILE} (tags read the environment or run code) "
                                            "— write the value itself")
        if isinstance(node, yaml.SequenceNode):
            waiting += node.value
        elif isinstance(node, yaml.MappingNode):
            waiting += [part for pair in node.value for part in pair]


def inherited(path: Path, root) -> Path | None:
    """The file that `path` INHERITs (as MkDocs resolves it), or None."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            return Path(os.path.normpath(path.parent / value.value))
    return None


def key_line(root, key: str) -> int:
    return next((line(k) for k, _ in root.value if k.value == key), 1) if isinstance(root, yaml.MappingNode) else 1


def check_editor_file(path: Path, root, hooks_folder: Path) -> None:
    """mkdocs.yml against the allow-list; ConfigProblem at the first thing refused."""
    if root is not None:  # an empty file inherits nothing: refused below
        refuse_tags(root)
        ALLOWED(root, "")
    parent = inherited(path, root)
    # The developers' file beside mkdocs.yml, or beside the hooks (a test site inherits the repository's).
    bases = {(folder / DEVELOPER_BASE).resolve() for folder in (path.parent, hooks_folder.parent)}
    if parent is None or parent.resolve() not in bases:
        raise ConfigProblem(key_line(root, "INHERIT"), f"mkdocs.yml must inherit the developers' settings — write "
                                                       f"'INHERIT: {DEVELOPER_BASE}'")


def config_findings(config_file: Path, hooks_folder: Path = ROOT / "hooks") -> list[Finding]:
    """What is refused in the editors' mkdocs.yml of this configuration (at most one finding)."""
    path: Path | None = config_file
    for _ in range(MAX_INHERIT):
        if path is None or not path.is_file():
            break  # MkDocs reports a missing INHERIT itself
        try:
            root = composed(path, path.name == EDITOR_FILE)
            if path.name == EDITOR_FILE:
                check_editor_file(path, root, hooks_folder)
        except ConfigProblem as problem:
            return [Finding(path.name, problem.line, problem.message)]
        path = inherited(path, root)
    return []


def declared_hooks(config_file: Path) -> list[Path]:
    """The hooks the configuration's files name: the nearest `hooks:` in the INHERIT chain (a
    list replaces the inherited one), each path read from the configuration file's folder, as
    MkDocs does. Called after config_findings() found mkdocs.yml clean (it names none)."""
    path: Path | None = config_file
    for _ in range(MAX_INHERIT):
        if path is None or not path.is_file():
            break
        root = composed(path, False)
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            if key.value == "hooks" and isinstance(value, yaml.SequenceNode):
                return [Path(os.path.normpath(os.path.join(config_file.parent, item.value))) for item in value.value]
        path = inherited(path, root)
    return []


def hooks_findings(config_file: Path, loaded: dict) -> list[Finding]:
    """The hooks MkDocs loaded must be exactly the ones the developers' files name."""
    wanted = sorted(str(path.resolve()) for path in declared_hooks(config_file))
    actual = sorted(str(Path(module.__file__).resolve()) for module in loaded.values())
    if wanted == actual:
        return []
    return [Finding(config_file.name, 1, f"the build loaded the hooks {', '.join(actual) or 'none'}, but the "
                                         f"developers' configuration names {', '.join(wanted) or 'none'} — "
                                         f"{DEVELOPER_SETTING}, and mkdocs.yml names no hooks")]


def check(config) -> None:
    """pipeline.py, first in the outer pass: stop the build at a refused mkdocs.yml or foreign hooks."""
    config_file = Path(config["config_file_path"])
    findings = config_findings(config_file) or hooks_findings(config_file, config["hooks"])
    if findings:
        stop(findings[0])


def main(argv: list[str]) -> int:
    """`make build`/`make serve`: check the configuration before MkDocs reads it."""
    findings = config_findings(Path(argv[1]) if len(argv) > 1 else Path(EDITOR_FILE))
    for finding in findings:
        print(f"ERROR   -  {finding}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(finding.github_annotation(), flush=True)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
