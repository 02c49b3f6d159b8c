"""The editor at /admin/: a form in the browser for NMT staff (Sveltia CMS).

NMT staff change a page in both languages in a form and open a pull request,
without writing YAML or using Git. The form is generated here, at build time,
from the build's own rules, so it can never ask for something the build
refuses:
- the fields, whether each is required and whether it is per language, from
  front_matter.FIELDS (a field added there appears in the form, or the build
  stops until this module knows how to show it);
- the professions of `applies_to` from audiences.profession_names(), the six
  steps from docs/steps.yml, the limits (months, keywords) from front_matter;
- the help under each field from the front-matter table in CONTRIBUTING.md;
- one entry per page that exists in both languages, grouped by folder in
  nav order; the repository and branch from repo_url and edit_uri.
The body stays Markdown, edited as raw text (never rich text), so `{#id}`,
admonitions, `[[term]]`, `sfs:` links and `<!-- nmt:… -->` markers survive.

Written in the outer pass of the online site only, never in the offline
copy (it needs GitHub) nor for a site without a GitHub repo_url:
  site/admin/index.html   the page: its own Content-Security-Policy (policy/csp.json), noindex
  site/admin/config.yml   Sveltia's configuration (from this module)
  site/admin/start.js     admin/start.js: keeps the CMS from fetching anything
                          from another host (see that file)
  site/admin/vendor/      admin/vendor/ (scripts/vendor.sh): the CMS, its
                          Swedish strings and fonts, checked against SHA256SUMS.txt
The admin page is not a page of the handbook: MkDocs never sees it, so it is
in no navigation, sitemap or search index, and output/guard.py (which holds
reader pages to their policy) never reads it. check_admin() holds it to its
own, narrower one.
"""
from __future__ import annotations

import hashlib
import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser

from nmt.blocks.audiences import profession_names
from nmt.checks.front_matter import (
    FIELDS,
    MAX_KEYWORD_LENGTH,
    MAX_KEYWORDS,
    REVIEW_IN_MONTHS,
    STEPS,
)
from nmt.core.findings import Finding, report
from nmt.core.yaml_lines import YamlProblem, read_front_matter
from nmt.policy.csp import meta_policy

SOURCE = Path(__file__).resolve().parents[3] / "admin"   # start.js and vendor/ (scripts/vendor.sh)
FOLDER = "admin"                                           # where the editor is in the site
SCRIPTS = ("start.js", "vendor/sveltia-cms.js")
CONTRIBUTING = "CONTRIBUTING.md"
FIELD_TABLE = "## Sidans huvud (front matter)"
# The form's labels (Swedish: the editors' language). A field of front_matter.FIELDS
# shown in the form needs one here.
LABELS = {
    "title": "Rubrik", "description": "Beskrivning", "owner": "Ansvarig", "applies_to": "Gäller för",
    "step": "Steg i stöd- och skyddsprocessen", "reviewed": "Granskad", "review_in": "Granska igen om (månader)",
    "sources": "Källor", "changes": "Ändringar", "keywords": "Sökord", "easy_read": "Lättläst sida",
    "body": "Text",
}
OTHER_PAGES = "Startsidan och sidorna i sidfoten"
HTTPS_ONLY = ["^https://[^ ]+$", "Adressen ska börja med https:// och inte innehålla mellanslag."]
# Markup.format escapes every value it fills in: the site name is the title of docs/index.md.
PAGE = Markup("""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redigera {site_name}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
{scripts}
</body>
</html>
""")


# --- The form's fields ------------------------------------------------------------------------

def field_hints(contributing: str) -> dict[str, str]:
    """Field name → its help text, from the front-matter table of CONTRIBUTING.md
    (rows like: | `title` | ja | Sidans rubrik. … |)."""
    hints, in_table = {}, False
    for line in contributing.splitlines():
        if line.startswith("## "):
            in_table = line.strip() == FIELD_TABLE
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if in_table else []
        if len(cells) == 3 and cells[0].startswith("`"):
            name = cells[0].strip("`").split(":")[0]
            hints[name] = cells[2].replace("`", "")
    return hints


def step_options(steps, language: str) -> list[dict]:
    """The six steps, by number and title (docs/steps.yml) where the site has them."""
    titles = {number: step.title.get(language, "") for number, step in (steps or {}).items()}
    return [{"label": f"{number}. {titles[number]}" if titles.get(number) else str(number), "value": number}
            for number in STEPS]


def widget(kind: str, steps, language: str) -> dict | None:
    """Sveltia's widget for a kind of front_matter.FIELDS; None for a kind it does not know."""
    date = {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    return {
        "text": {"widget": "string"},
        "date": date,
        "months": {"widget": "number", "value_type": "int", "min": REVIEW_IN_MONTHS[0],
                   "max": REVIEW_IN_MONTHS[-1]},
        "sources": {"widget": "list", "min": 1, "fields": [
            {"name": "title", "label": "Titel", "widget": "string"},
            {"name": "url", "label": "Adress", "widget": "string", "pattern": HTTPS_ONLY}]},
        "changes": {"widget": "list", "fields": [
            {"name": "date", "label": "Datum", **date},
            {"name": "note", "label": "Vad som ändrades (en mening)", "widget": "string"}]},
        "words": {"widget": "list", "max": MAX_KEYWORDS,
                  "field": {"name": "word", "label": "Sökord", "widget": "string",
                            "maxlength": MAX_KEYWORD_LENGTH}},
        "professions": {"widget": "select", "multiple": True, "options": [
            {"label": names.get(language, id_), "value": id_} for id_, names in profession_names().items()]},
        "step": {"widget": "select", "options": step_options(steps, language)},
        # Not Sveltia's boolean widget: it writes "false" into every page that lacks the key.
        # A select with one option leaves the key out until "Ja" is picked (output.omit_empty_optional_fields).
        "flag": {"widget": "select", "options": [{"label": "Ja" if language == "sv" else "Yes", "value": True}]},
    }.get(kind)


def form_fields(hints: dict[str, str], steps, language: str) -> tuple[list[dict], list[str]]:
    """(Sveltia's fields for a page, what is missing for a field of front_matter.FIELDS)."""
    fields, missing = [], []
    for field in (field for field in FIELDS if field.in_form):
        shown = widget(field.kind, steps, language)
        if shown is None or field.name not in LABELS or field.name not in hints:
            missing.append(field.name)
            continue
        i18n = True if field.per_language else "duplicate"
        for sub in [*shown.get("fields", []), *filter(None, [shown.get("field")])]:
            sub["i18n"] = i18n  # a list's items are per language (or shared) like the list
        fields.append({"name": field.name, "label": LABELS[field.name], "hint": hints[field.name],
                       "required": field.required, "i18n": i18n, **shown})
    # The page's text: Markdown as it is written, never rich text.
    fields.append({"name": "body", "label": LABELS["body"], "widget": "markdown", "modes": ["raw"],
                   "i18n": True, "hint": hints.get("body", "")})
    return fields, missing


# --- The pages ----------------------------------------------------------------------------------

def nav_order(nav) -> list[str]:
    """The docs paths of the nav, in order."""
    paths = []
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            paths += nav_order(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return paths


def title_of(path: Path) -> str:
    try:
        meta, _ = read_front_matter(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return ""
    title = meta.get("title") if isinstance(meta, dict) else None
    return title if isinstance(title, str) else ""


def editable_pages(docs: Path, other_languages: list[str]) -> list[str]:
    """Docs paths (default language) of the pages that exist in every language."""
    suffixes = tuple(f".{language}.md" for language in other_languages)
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if path.name.startswith("_") or relative.endswith(suffixes):
            continue
        if all(path.with_name(path.name[:-3] + suffix).is_file() for suffix in suffixes):
            pages.append(relative)
    return pages


def entry_name(page: str) -> str:
    return posixpath.basename(page)[:-3]


def collection_name(page: str) -> str:
    return posixpath.dirname(page) or "sidor"


def edit_address(page: str) -> str:
    """The form of a page, relative to /admin/ (for links: 'admin/' + this)."""
    return f"#/collections/{collection_name(page)}/entries/{entry_name(page)}"


def collections(docs_dir: Path, docs_prefix: str, pages: list[str], nav: list[str], fields: list[dict],
                language: str) -> list[dict]:
    """One collection per folder of docs/ (the folder's index page names it), its pages in nav order."""
    order = {path: index for index, path in enumerate(nav)}
    grouped: dict[str, list[str]] = {}
    for page in sorted(pages, key=lambda page: (order.get(page, len(order)), page)):
        grouped.setdefault(collection_name(page), []).append(page)
    found = []
    for name, members in grouped.items():
        index = f"{name}/index.md"
        label = title_of(docs_dir / index) if index in members else ""
        found.append({
            "name": name, "label": label or OTHER_PAGES, "i18n": True,
            "files": [{"name": entry_name(page), "label": title_of(docs_dir / page) or page, "i18n": True,
                       "file": f"{docs_prefix}{page[:-3]}.{{{{locale}}}}.md", "fields": fields}
                      for page in members]})
    return found


# --- The configuration and the page --------------------------------------------------------------

def github_repository(repo_url: str | None) -> str | None:
    """'owner/name' of a https://github.com/owner/name address, else None."""
    parts = urlsplit(repo_url or "")
    path = [part for part in parts.path.split("/") if part]
    if parts.scheme != "https" or parts.hostname != "github.com" or len(path) != 2:
        return None
    return f"{path[0]}/{path[1].removesuffix('.git')}"


def branch_of(edit_uri: str | None) -> str:
    """The branch pages are edited on: edit_uri is 'edit/<branch>/docs/'."""
    parts = [part for part in (edit_uri or "").split("/") if part]
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob") else "main"


def cms_config(repository: str, branch: str, site_url: str | None, site_name: str, languages: list[str],
               collections_: list[dict]) -> dict:
    return {
        "app_title": f"{site_name} – redigering",
        "site_url": site_url or "",
        "backend": {"name": "github", "repo": repository, "branch": branch,
                    # Sign-in with a personal access token (CONTRIBUTING.md); an OAuth app needs a
                    # server of its own, which the handbook does not run.
                    "auth_methods": ["token"],
                    # Without write access: a fork and a pull request from it.
                    "open_authoring": True},
        "publish_mode": "editorial_workflow",   # every change is a pull request, checked like any other
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "i18n": {"structure": "multiple_files", "locales": languages, "default_locale": languages[0],
                 "omit_default_locale_from_file_path": True},
        "editor": {"preview": False},           # the pull request's offline copy shows the page as readers see it
        # No empty optional field is written: `applies_to: []` would be an error, `step:` noise.
        "output": {"omit_empty_optional_fields": True},
        "collections": collections_,
    }


def page_html(site_name: str, language: str) -> str:
    scripts = Markup("\n").join(Markup('<script src="{}"></script>').format(script) for script in SCRIPTS)
    # The policy is the developers' csp.json, whose quotes are CSP syntax ('self'): marked as
    # Markup so they stay as written (escaped, they would read &#39;self&#39;, the same to a browser).
    return str(PAGE.format(language=language, csp=Markup(meta_policy("admin")), site_name=site_name, scripts=scripts))


def check_admin(folder: Path) -> list[Finding]:
    """The written editor against its own policy: exactly our two scripts, nothing inline,
    the CSP and noindex; the vendored files as pinned in admin/vendor/SHA256SUMS.txt."""
    where = f"site/{FOLDER}/index.html"
    tree = LexborHTMLParser((folder / "index.html").read_text("utf-8"))
    scripts = tree.css("script")
    problems = []
    if [script.attributes.get("src") for script in scripts] != list(SCRIPTS) or any(s.text() for s in scripts):
        problems.append(f"the scripts must be exactly {', '.join(SCRIPTS)}, none inline")
    if tree.css("style, [style], iframe, form, base, object, embed"):
        problems.append("no styles, frames, forms, <base> or plug-ins in the page itself")
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    if csp is None or csp.attributes.get("content") != meta_policy("admin"):
        problems.append("the Content-Security-Policy <meta> is not the editor's policy (policy/csp.json, admin)")
    robots = tree.css_first('meta[name="robots"]')
    if robots is None or "noindex" not in (robots.attributes.get("content") or ""):
        problems.append("the page must carry <meta name=robots content=noindex>")
    findings = [Finding(where, 1, f"the editor page is wrong: {problem} — see hooks/nmt/output/admin.py")
                for problem in problems]
    return findings + vendor_findings(folder / "vendor")


def vendor_findings(vendor: Path) -> list[Finding]:
    sums = SOURCE / "vendor" / "SHA256SUMS.txt"
    findings = []
    for line in sums.read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        copy = vendor / name
        if not copy.is_file() or hashlib.sha256(copy.read_bytes()).hexdigest() != digest:
            findings.append(Finding(f"admin/vendor/{name}", 1, "this file is not the one pinned in "
                                    "admin/vendor/SHA256SUMS.txt — run scripts/vendor.sh again"))
    return findings


def copy_sources(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE / "vendor", target / "vendor")
    shutil.copyfile(SOURCE / "start.js", target / "start.js")


# --- The step (pipeline.py, on_post_build, outer pass) --------------------------------------------

def write_admin(build, config) -> None:
    repository = github_repository(config.get("repo_url"))
    if repository is None or config["extra"].get("offline_copy"):
        return  # the offline copy, or a site (a test site) that is not edited on GitHub
    root, docs = Path(config["config_file_path"]).parent, Path(config["docs_dir"])
    language, others = build.default_language, [lang for lang in build.languages if lang != build.default_language]
    contributing = root / CONTRIBUTING
    if not contributing.is_file():
        report([Finding(CONTRIBUTING, 1, f"{CONTRIBUTING} is missing next to the site's configuration (mkdocs.yml): "
                        "the editor's form takes the help under each field from its front-matter table — put it back")])
        return
    hints = field_hints(contributing.read_text("utf-8"))
    fields, missing = form_fields(hints, build.steps, language)
    if missing:
        report([Finding("hooks/nmt/output/admin.py", 1, f"the editor's form cannot show the front-matter "
                        f"field(s) {', '.join(missing)} — give each a label in LABELS, a row in the table "
                        f"'{FIELD_TABLE[3:]}' of {CONTRIBUTING} and, for a new kind, a widget")])
        return
    site_name = title_of(docs / "index.md") or config["site_name"]  # default language (config: the last pass's)
    prefix = docs.relative_to(root).as_posix() + "/" if docs.is_relative_to(root) else "docs/"
    pages = editable_pages(docs, others)
    settings = cms_config(repository, branch_of(config.get("edit_uri")), config.get("site_url"),
                          site_name, [language, *others],
                          collections(docs, prefix, pages, nav_order(config.get("nav")), fields, language))
    target = Path(config["site_dir"]) / FOLDER
    copy_sources(target)
    (target / "config.yml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    (target / "index.html").write_text(page_html(site_name, language), "utf-8")
    report(check_admin(target))
