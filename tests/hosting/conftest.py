"""Debian's nginx serving a fresh build of the site with hosting/nginx.conf.

The server block is used exactly as a region uses it; only its `listen` and
`root` lines are replaced (a free port on 127.0.0.1, a copy of the built
site). A minimal top-level nginx.conf around it keeps pid, logs and temp files
inside a temporary folder, so nginx runs unprivileged, or as root in CI.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_BLOCK = ROOT / "hosting" / "nginx.conf"
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
INSTALL = ("run `make test` (it installs Debian's nginx) or `sudo apt-get install -y nginx`, "
           "then run the tests again.")

# Small files of the types the site does not contain yet, so their
# Content-Type and compression are checked too (in the copy, not in site/).
PROBE_FILES = {
    "_probe/robots.txt": b"User-agent: *\nAllow: /\n" * 20,
    "_probe/pixel.png": bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a3e3a6b50000000049454e44ae426082"),
    "_probe/font.woff2": b"wOF2" + bytes(60),
}


def pytest_configure(config):
    config.addinivalue_line("markers", "nginx: serves the built site with Debian's nginx and hosting/nginx.conf")


def server_block_for_test(text: str, root: Path, port: int) -> str:
    """hosting/nginx.conf with its listen lines and root replaced."""
    listens = re.findall(r"(?m)^[ \t]*listen[ \t][^;]*;[ \t]*\n", text)
    roots = re.findall(r"(?m)^[ \t]*root[ \t][^;]*;", text)
    assert listens, "hosting/nginx.conf has no `listen` line"
    assert len(roots) == 1, f"hosting/nginx.conf must have exactly one `root` line, found {len(roots)}"
    text = text.replace(listens[0], f"    listen 127.0.0.1:{port};\n", 1)
    for line in listens[1:]:
        text = text.replace(line, "", 1)
    return text.replace(roots[0], f'    root "{root}";', 1)


def main_config(prefix: Path) -> str:
    """The smallest top-level nginx.conf around the server block (like
    Debian's /etc/nginx/nginx.conf: mime.types and a default type)."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp folder
    temp = "\n".join(f"    {name}_temp_path {prefix / ('temp_' + name)};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {prefix / 'access.log'};
{temp}
    include {prefix / 'server.conf'};
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped (exit {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def nginx_site(built_site, tmp_path_factory) -> Path:
    """A copy of the built site, as a region would deploy it, plus probe files."""
    site = tmp_path_factory.mktemp("nginx-root") / "site"
    shutil.copytree(built_site, site)
    for name, data in PROBE_FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    return site


@pytest.fixture(scope="session")
def nginx_url(nginx_site, tmp_path_factory) -> str:
    if not NGINX.exists():
        pytest.fail(f"nginx is missing ({NGINX}): {INSTALL}", pytrace=False)
    if not MIME_TYPES.exists():
        pytest.fail(f"{MIME_TYPES} is missing (it comes with nginx): {INSTALL}", pytrace=False)
    prefix = tmp_path_factory.mktemp("nginx")
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / ("temp_" + name)).mkdir()
    (prefix / "nginx.conf").write_text(main_config(prefix), "utf-8")
    command = [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]

    process = None
    for _attempt in range(3):  # another program may take the free port first
        port = free_port()
        (prefix / "server.conf").write_text(
            server_block_for_test(SERVER_BLOCK.read_text("utf-8"), nginx_site, port), "utf-8")
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx rejects hosting/nginx.conf:\n{check.stderr}"
        with open(prefix / "stderr.log", "ab") as stderr:
            process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            wait_for_port(port, process, prefix / "error.log")
            break
        except RuntimeError as problem:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
            if "Address already in use" not in str(problem):
                raise
    else:
        pytest.fail("nginx found no free port in three attempts")

    yield f"http://127.0.0.1:{port}"

    process.terminate()  # SIGTERM to the master we started: fast shutdown of it and its workers
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    errors = [line for line in (prefix / "error.log").read_text(errors="replace").splitlines()
              if "[emerg]" in line or "[alert]" in line or "[crit]" in line]
    assert not errors, "nginx logged errors:\n" + "\n".join(errors)
