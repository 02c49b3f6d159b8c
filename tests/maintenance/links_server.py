"""A test server on 127.0.0.1 that answers like the outside world does, and
the fixture handbook (tests/fixtures/maintenance) pointing its links at it.
No test of the maintenance report uses the internet.

The tests import the `links_server` fixture from here (a conftest.py in this
folder would shadow tests/conftest.py, which other tests import as `conftest`)."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FIXTURE = ROOT / "tests" / "fixtures" / "maintenance"
SLOW_SECONDS = 2.0  # /slow answers after this; the tests' timeout is shorter

# path → (status, Location) for HEAD and GET alike; /head-refused, /slow and /flaky are special.
ANSWERS = {
    "/": (200, None),
    "/ok": (200, None),
    "/old": (301, "/new"),
    "/new": (200, None),
    "/missing": (404, None),
    "/removed": (410, None),
    "/glossary-source": (410, None),
    "/moved-home": (302, "/"),
    "/private/rapport": (200, None),
    "/bad-location": (301, "http://[::1/x"),
}
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass
class LinksServer:
    base: str
    requests: list = field(default_factory=list)  # [method, path, user agent, start, end or None]
    busy: int = 0
    most_at_once: int = 0
    flaky_answers: list = field(default_factory=list)  # statuses /flaky gives, in order

    def paths(self, method: str | None = None) -> list[str]:
        return [path for verb, path, *_ in self.requests if method in (None, verb)]


def handler_for(server: LinksServer, lock: threading.Lock):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.answer(body=False)

        def do_GET(self):
            self.answer(body=True)

        def answer(self, body: bool):
            request = [self.command, self.path, self.headers.get("User-Agent", ""), time.monotonic(), None]
            with lock:
                server.busy += 1
                server.most_at_once = max(server.most_at_once, server.busy)
                server.requests.append(request)
            try:
                status, location, content = self.decide()
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if body:
                    self.wfile.write(content)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)
            finally:
                request[4] = time.monotonic()
                with lock:
                    server.busy -= 1

        def decide(self) -> tuple[int, str | None, bytes]:
            if self.path == "/robots.txt":
                return 200, None, ROBOTS
            if self.path == "/head-refused":
                return (405, None, b"") if self.command == "HEAD" else (200, None, b"ok")
            if self.path == "/slow":
                time.sleep(SLOW_SECONDS)
                return 200, None, b"late"
            if self.path == "/flaky":
                return (server.flaky_answers.pop(0) if server.flaky_answers else 200), None, b""
            status, location = ANSWERS.get(self.path, (404, None))
            return status, location, b"page"

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a /slow answer still sleeping must not hold up the test


@pytest.fixture
def links_server():
    lock = threading.Lock()
    state = LinksServer("")
    httpd = QuietServer(("127.0.0.1", 0), handler_for(state, lock))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fixture_docs(target: Path, links: str) -> Path:
    """The fixture handbook with its links pointing at `links` (a server's address)."""
    shutil.copytree(FIXTURE / "docs", target / "docs")
    for path in (target / "docs").iterdir():
        text = path.read_text("utf-8")
        path.write_text(text.replace("LINKS", links).replace("CLOSED", str(closed_port())), "utf-8")
    return target / "docs"
