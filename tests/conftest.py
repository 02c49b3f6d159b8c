"""Shared fixtures: the real site built once per test session, served on
127.0.0.1, and a headless Chromium driven by Playwright."""
from __future__ import annotations

import functools
import os
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from project import CHROMIUM, CHROMIUM_ARGS, ROOT, QuietHandler, build_site


@pytest.fixture(scope="session", autouse=True)
def no_ci_annotations_from_test_builds():
    """Builds inside the tests must not print GitHub annotations for their
    fixture files; tests that check annotations set the variable themselves."""
    saved = os.environ.pop("GITHUB_ACTIONS", None)
    yield
    if saved is not None:
        os.environ["GITHUB_ACTIONS"] = saved


def strictly_built(tmp_path_factory, config: str) -> Path:
    site = tmp_path_factory.mktemp(Path(config).stem) / "site"
    result = build_site(ROOT / config, site)
    assert result.returncode == 0, f"strict build of {config} failed:\n{result.stderr[-4000:]}"
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The online site, built from the working tree."""
    return strictly_built(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline copy's site (mkdocs-offline.yml), built from the working tree."""
    return strictly_built(tmp_path_factory, "mkdocs-offline.yml")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium) "
                    "or `sudo apt-get install -y chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Collects what a page asks for and what goes wrong in it."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", lambda message: message.type == "error" and self.errors.append(
            f"console: {message.text} ({message.location.get('url', '')})"))
        page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        # net::ERR_ABORTED is the browser cancelling a request itself, e.g. the favicon of a page
        # the test has already left; a missing file, a refused host or a CSP block has its own code.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} {request.failure}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()
