"""The test server for the outside-link tests (links_server.py), one per test."""
from __future__ import annotations

import threading

import pytest

from links_server import LinksServer, QuietServer, handler_for


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
