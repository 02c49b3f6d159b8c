"""The editor at /admin/ (Sveltia CMS) in headless Chromium, as NMT staff use it.

Every request to a host other than the site (127.0.0.1) is aborted and
recorded, and so is every Content-Security-Policy report. The built site's own
/admin/ page and config.yml are used; only where a test needs another backend
is config.yml's `backend` replaced as the browser fetches it:
- `test-repo`: Sveltia's test backend keeps the repository in the browser's
  origin-private file system (OPFS). The test writes the handbook's docs/ there
  first and reads the saved files back from there: the CMS's own parser and
  serialiser do the work, nothing of it is imitated here.
- GitHub: the built configuration unchanged; api.github.com is answered by the
  fake GitHub API in fake_github.py, served on 127.0.0.1.
Screenshots of every step: tests/artifacts/editor/.
"""
from __future__ import annotations

import re
import shutil
import time
import urllib.request

import pytest
import yaml

from project import ROOT, build_site
from fake_github import FakeGitHub

from nmt.core.markdown import FRONT_MATTER
from nmt.core.yaml_lines import read_front_matter
from test_accessibility import WCAG_AA, axe_violations

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "editor"
BUILD_INPUTS = ("mkdocs.yml", "mkdocs-base.yml", "docs", "hooks", "overrides", "admin", "CONTRIBUTING.md")
CONFIG = re.compile(r".*/admin/config\.yml(\?.*)?$")
GITHUB_API = "https://api.github.com"
PAGE = "samverkan/betanketid"     # the page the editor changes
SEED_OPFS = """async files => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('sveltia-cms-test', {recursive: true}); } catch (error) {}
  const repository = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let folder = repository;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const file = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await file.write(text);
    await file.close();
  }
}"""
READ_OPFS = """async paths => {
  const repository = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
  const found = {};
  for (const path of paths) {
    let folder = repository;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
    found[path] = await (await (await folder.getFileHandle(parts.at(-1))).getFile()).text();
  }
  return found;
}"""
RECORD_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));"""


def docs_files() -> dict[str, str]:
    """The handbook's pages as the repository holds them (path from the repository root → text)."""
    return {path.relative_to(ROOT).as_posix(): path.read_text("utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))}


class Editor:
    """A browser tab on /admin/ that aborts and records every request to another host."""

    def __init__(self, browser, site_url: str, backend: dict | None = None, github: FakeGitHub | None = None,
                 bypass_csp: bool = False):
        self.site_url, self.outside, self.errors = site_url, [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE",
                                           bypass_csp=bypass_csp)
        self.context.add_init_script(RECORD_CSP)
        self.context.route("**/*", self._only_the_site)
        if github is not None:
            self.context.route(f"{GITHUB_API}/**", lambda route: self._to_fake(route, github))
        if backend is not None:
            self.context.route(CONFIG, lambda route: self._with_backend(route, backend))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.step = 0

    def _only_the_site(self, route):
        if route.request.url.startswith(self.site_url):
            return route.continue_()
        self.outside.append(route.request.url)
        return route.abort()

    @staticmethod
    def _to_fake(route, github: FakeGitHub):
        address = github.url + route.request.url[len(GITHUB_API):]
        try:
            answer = route.fetch(url=address)
        except Exception:  # noqa: BLE001 — once more: a connection reset under load is not the CMS's fault
            answer = route.fetch(url=address)
        route.fulfill(response=answer)

    def _with_backend(self, route, backend: dict):
        with urllib.request.urlopen(self.site_url + "admin/config.yml") as answer:  # the built file, from the site
            built = yaml.safe_load(answer.read().decode("utf-8"))
        built["backend"] = backend
        if backend["name"] == "test-repo":
            built.pop("publish_mode")  # the test backend has no pull requests: it saves directly
        route.fulfill(body=yaml.safe_dump(built, allow_unicode=True), content_type="application/yaml")

    def csp_reports(self) -> list[str]:
        return self.page.evaluate("window.__csp || []")

    def open(self, hash_: str = "") -> None:
        self.page.goto(self.site_url + "admin/" + hash_)

    def shot(self, name: str) -> None:
        self.step += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def close(self):
        # A request the CMS sent just before the test ended may still be in a route handler;
        # without this, its "target closed" error is raised in the next test.
        self.context.unroute_all(behavior="ignoreErrors")
        self.context.close()


@pytest.fixture
def editor(browser, site_url):
    opened = []

    def open_editor(**options) -> Editor:
        opened.append(Editor(browser, site_url, **options))
        return opened[-1]
    yield open_editor
    for one in opened:
        one.close()


def with_test_repository(editor_tab: Editor, files: dict[str, str]) -> None:
    """Put the files into the test backend's repository (OPFS) and sign in to it."""
    editor_tab.page.goto(editor_tab.site_url + "assets/images/logo.svg")  # the site's origin, no script of its own
    editor_tab.page.evaluate(SEED_OPFS, files)
    editor_tab.open()
    editor_tab.page.get_by_role("button", name="Arbeta med test-repo").click()
    editor_tab.page.get_by_text("Samlingar").wait_for()


def saved_files(editor_tab: Editor, paths) -> dict[str, str]:
    return editor_tab.page.evaluate(READ_OPFS, list(paths))


def split(text: str) -> tuple[dict, str]:
    """(front matter as the build reads it, the body byte for byte).

    Keywords are words: the CMS writes `112` back as '112', and the build reads both as
    the same word (search/enrichment.py takes str() of each)."""
    match = FRONT_MATTER.match(text)
    meta, _ = read_front_matter(text)
    meta = dict(meta)
    if isinstance(meta.get("keywords"), list):
        meta["keywords"] = [str(word) for word in meta["keywords"]]
    return meta, text[match.end():]


def title_boxes(page):
    """The two 'Rubrik' fields: Swedish on the left, English on the right."""
    return page.get_by_role("textbox", name="Rubrik", exact=True)


def save_and_wait(page) -> None:
    """Save, and wait until the CMS has saved and gone back to the list of pages."""
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_url(lambda url: "/entries/" not in url, timeout=30_000)


# --- The page loads: Swedish, nothing from another host --------------------------------------------

def test_the_editor_loads_in_swedish_and_asks_no_other_host(editor):
    tab = editor()
    tab.open()
    tab.page.get_by_role("button", name="Logga in med en Access Token").wait_for()
    time.sleep(2)  # the CMS's own checks (version, locale, status) start after it has loaded
    tab.shot("01-inloggning")
    text = tab.page.locator("body").inner_text()
    assert "Logga in med en Access Token" in text and "Drivs av" in text, text
    assert tab.page.evaluate("document.documentElement.lang") == "sv"
    assert tab.outside == [], tab.outside
    assert tab.csp_reports() == []
    assert tab.errors == []
    robots = tab.page.locator('meta[name="robots"]')  # ours, and the CMS adds its own
    assert robots.count() >= 1 and all("noindex" in robots.nth(i).get_attribute("content")
                                       for i in range(robots.count()))


def test_the_admin_page_is_not_a_reader_page(built_site, offline_site):
    assert (built_site / "admin" / "index.html").is_file()
    assert not (offline_site / "admin").exists(), "the offline copy cannot reach GitHub: no editor in it"
    assert "/admin/" not in (built_site / "sitemap.xml").read_text("utf-8")
    index = (built_site / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"admin/' not in index.replace(" ", "")


# --- Editing a page in both languages, saved by the CMS itself --------------------------------------

def test_an_editor_changes_both_languages_adds_a_source_picks_a_profession_and_saves(editor, tmp_path):
    files = docs_files()
    tab = editor(backend={"name": "test-repo"})
    with_test_repository(tab, files)
    tab.shot("02-samlingar")
    tab.open("#/collections/samverkan/entries/betanketid")
    titles = title_boxes(tab.page)
    titles.first.wait_for()
    tab.shot("03-sidan-i-formularet")
    titles.nth(0).fill("Betänketid – så går det till")
    titles.nth(1).fill("The reflection period – how it works")
    add_source(tab.page, "Sveriges riksdag, Utlänningslag (2005:716)",
               "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/utlanningslag-2005716_sfs-2005-716/")
    tab.shot("04-ny-kalla")
    pick_profession(tab.page, "skola och förskola")
    tab.shot("05-yrke-valt")
    save_and_wait(tab.page)
    tab.page.get_by_text("Post sparad.").wait_for()
    tab.shot("06-sparad")
    saved = saved_files(tab, files)
    changed = sorted(path for path in files if saved[path] != files[path])
    assert changed == [f"docs/{PAGE}.en.md", f"docs/{PAGE}.md"]
    for path in changed:
        meta, body = split(saved[path])
        old_meta, old_body = split(files[path])
        assert body == old_body, f"{path}: the body changed"
        assert meta["sources"][-1]["url"].startswith("https://www.riksdagen.se/")
        assert "skola-och-forskola" in meta["applies_to"]
        assert set(meta) == set(old_meta)
    assert split(saved[f"docs/{PAGE}.md"])[0]["title"] == "Betänketid – så går det till"
    assert split(saved[f"docs/{PAGE}.en.md"])[0]["title"] == "The reflection period – how it works"
    assert tab.outside == [] and tab.csp_reports() == [] and tab.errors == []
    assert_strict_build_passes(tmp_path, {path: saved[path] for path in changed})


def add_source(page, title: str, url: str) -> None:
    """A new source at the end of the list, in both languages (each language lists its own)."""
    for column in range(2):
        page.get_by_role("button", name=re.compile(r"^Lägg till \W?Källor\W?$")).nth(column).click()
        fill_the_empty(page.get_by_role("textbox", name="Titel", exact=True), title)
        fill_the_empty(page.get_by_role("textbox", name="Adress", exact=True), url)


def fill_the_empty(boxes, text: str) -> None:
    """Fill the one empty box (the item just added, once the CMS has drawn it)."""
    for _ in range(50):
        empty = [index for index in range(boxes.count()) if boxes.nth(index).input_value() == ""]
        if empty:
            break
        time.sleep(0.1)
    assert len(empty) == 1, f"expected one new empty field, found {len(empty)}"
    boxes.nth(empty[0]).fill(text)


def pick_profession(page, name: str) -> None:
    page.get_by_role("combobox", name="Gäller för").first.click()
    page.get_by_role("option", name=name, exact=True).click()


def assert_strict_build_passes(tmp_path, saved: dict[str, str]) -> None:
    """The repository with the saved files builds with `mkdocs build --strict`, as the pull request's check does."""
    copy = tmp_path / "repository"
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    for path, text in saved.items():
        (copy / path).write_text(text, "utf-8")
    result = build_site(copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]


# --- Every page: open, save, and nothing but the change is different -------------------------------

def entries(built_site) -> list[tuple[str, str, str]]:
    """(collection, entry, Swedish file) of every page the form offers, from the built config."""
    config = yaml.safe_load((built_site / "admin" / "config.yml").read_text("utf-8"))
    return [(collection["name"], file["name"], file["file"].replace(".{{locale}}", ""))
            for collection in config["collections"] for file in collection["files"]]


def test_every_page_survives_a_save_unchanged_but_for_the_edit(editor, built_site):
    """Sveltia enables Save only after a change, so each page's Swedish title gets ' ✓' added;
    every other byte of the body and every other front-matter value must come back as it was,
    in both languages. One browser session for all pages."""
    files = docs_files()
    pages = entries(built_site)
    assert len(pages) * 2 == len([path for path in files if not path.split("/")[-1].startswith("_")])
    tab = editor(backend={"name": "test-repo"})
    with_test_repository(tab, files)
    started = time.monotonic()
    for collection, entry, _ in pages:
        tab.open(f"#/collections/{collection}/entries/{entry}")
        title = title_boxes(tab.page).first
        title.wait_for()
        title.fill(title.input_value() + " ✓")
        save_and_wait(tab.page)
    seconds = time.monotonic() - started
    saved = saved_files(tab, files)
    problems = []
    for _, _, swedish in pages:
        for path in (swedish, swedish[:-3] + ".en.md"):
            (meta, body), (old_meta, old_body) = split(saved[path]), split(files[path])
            if path == swedish:
                old_meta["title"] += " ✓"
            if body != old_body:
                problems.append(f"{path}: the body changed")
            if meta != old_meta:
                problems.append(f"{path}: front matter {sorted(k for k in meta.keys() | old_meta.keys() if meta.get(k) != old_meta.get(k))}")
    print(f"round trip: {len(pages)} pages in both languages saved in {seconds:.0f} s")
    assert not problems, "\n".join(problems)
    assert tab.outside == [] and tab.csp_reports() == [] and tab.errors == []


# --- The pull request: one branch, one commit with both files, one pull request ---------------------

def test_saving_with_github_opens_one_pull_request_with_both_files(editor, built_site):
    config = yaml.safe_load((built_site / "admin" / "config.yml").read_text("utf-8"))
    repository = config["backend"]["repo"]
    files = {path: text.encode("utf-8") for path, text in docs_files().items()}
    with FakeGitHub(repository, files) as github:
        tab = editor(github=github)
        tab.open()
        tab.page.get_by_role("button", name="Logga in med en Access Token").click()
        tab.shot("07-token")
        tab.page.get_by_role("textbox").last.fill("github_pat_test")
        tab.page.get_by_role("button", name=re.compile("^Logga in$")).last.click()
        try:
            tab.page.get_by_text("Samlingar").wait_for(timeout=30_000)
        except Exception:
            tab.shot("08-inloggning-misslyckades")
            pytest.fail(f"not signed in; asked {github.requests}, unanswered {github.unanswered}, "
                        f"outside {tab.outside}, CSP {tab.csp_reports()}, errors {tab.errors}")
        tab.shot("08-inloggad")
        tab.open("#/collections/samverkan/entries/betanketid")
        titles = title_boxes(tab.page)
        titles.first.wait_for()
        titles.nth(0).fill("Betänketid – så går det till")
        titles.nth(1).fill("The reflection period – how it works")
        tab.page.get_by_role("button", name="Spara", exact=True).click()
        tab.page.get_by_text("Post sparad.").wait_for(timeout=30_000)
        tab.shot("09-sparad-som-utkast")
        tab.page.get_by_role("button", name="Skicka för granskning").click()
        repo = github.repo
        # The CMS moves the pull request to review with its status label; on a busy machine that took
        # more than ten seconds, so wait up to a minute (the assertion below says what it saw).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if repo.pulls and repo.pulls[0].label_names == ["sveltia-cms/pending_review"]:
                break
            time.sleep(0.2)
        tab.shot("10-skickad-for-granskning")
        assert github.unanswered == [], github.unanswered
        assert len(repo.created_branches) == 1, repo.created_branches
        (commit,) = repo.new_commits
        changed = sorted(path for path, blob in commit.tree.items() if commit.parent.tree.get(path) is not blob)
        assert changed == [f"docs/{PAGE}.en.md", f"docs/{PAGE}.md"]
        (pull,) = repo.pulls
        assert pull.head == repo.created_branches[0] and pull.base == config["backend"]["branch"]
        assert repo.refs[pull.head] is commit
        # Sveltia 0.221.1 opens the pull request as a GitHub draft and, in review, only changes the
        # label (it asks for no markPullRequestReadyForReview here): the checks run on drafts too.
        assert pull.label_names == ["sveltia-cms/pending_review"], "\n".join(github.requests)
        assert "Betänketid – så går det till" in commit.tree[f"docs/{PAGE}.md"].text
        assert tab.outside == [] and tab.csp_reports() == [] and tab.errors == []


# --- Accessibility of the editor -------------------------------------------------------------------

def test_the_editor_has_no_axe_violations(editor):
    # The page's CSP refuses scripts it does not know, axe-core too: the test's own tool
    # may bypass it (the page itself keeps it).
    tab = editor(backend={"name": "test-repo"}, bypass_csp=True)
    with_test_repository(tab, docs_files())
    found = {}
    ready = {"samlingar": lambda: tab.page.get_by_text("Samlingar"),
             "formular": lambda: title_boxes(tab.page).first}
    for name, address in (("samlingar", "#/collections/samverkan"),
                          ("formular", "#/collections/samverkan/entries/betanketid")):
        tab.open(address)
        ready[name]().wait_for()
        found[name] = axe_violations(tab.page)
    print(f"axe-core ({', '.join(WCAG_AA)}) on the editor: {found}")
    assert not any(found.values()), found


# --- "Föreslå en ändring" on every reader page -----------------------------------------------------

@pytest.mark.parametrize("path, text", [(f"{PAGE}/", "Föreslå en ändring"),
                                          (f"en/{PAGE}/", "Suggest a change")])
def test_every_page_offers_to_suggest_a_change_without_asking_github_first(page, site_url, built_site,
                                                                             path, text):
    """A plain link: keyboard-reachable, nothing fetched from GitHub before the reader follows it."""
    page.goto(site_url + path)
    link = page.get_by_role("link", name=text, exact=True)
    href = link.get_attribute("href")
    # The issue form's field "page" (.github/ISSUE_TEMPLATE/rapportera-fel.yml) gets the page's address.
    assert href == ("https://github.com/nmt-handbok/nmt-handbok/issues/new?template=rapportera-fel.yml"
                    f"&page=https%3A//handbok.nmt.example/{path}")
    for _ in range(200):  # reachable with the keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            break
    else:
        pytest.fail(f"{text!r} cannot be reached with Tab")
    assert not [url for url in page.watch.requests if not url.startswith(site_url)]
    pages = [p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] != "admin"]
    assert all("nmt-suggest" in p.read_text("utf-8") for p in pages if "<article" in p.read_text("utf-8"))
