"""Check that outside links still work: `make linkcheck-external` (and the
link part of `make maintenance-report`).

Needs the internet, so it is not part of `make test`. Collects every http(s)
address in docs/ (page links, front-matter sources, glossary and statute
register) with the places (file:line) where it is written, and asks each
address's server about it, politely:

- one request per host at a time, with a pause between two requests to the
  same host (PAUSE, or the host's robots.txt Crawl-delay up to
  MAX_CRAWL_DELAY), at most HOSTS_AT_ONCE hosts in parallel;
- a timeout on every request and a User-Agent that names the handbook;
- HEAD first; GET (headers only, the body is never read) when HEAD is refused
  or fails, and GET only for the rest of the run on a host that answers HEAD
  with 405 or 501;
- robots.txt is read once per host and run and obeyed, as the W3C link
  checker does: an address it disallows for our agent is not requested and is
  listed as "not checked" (open it by hand). Following RFC 9309, a robots.txt
  that does not exist (4xx) allows everything; one that cannot be reached
  (5xx, no answer) means the host is not asked at all this time, which counts
  as a failed check;
- redirects are followed one by one (at most MAX_REDIRECTS).

What a check finds (an "outcome"):
- ok;
- moved: a permanent redirect (301/308); the new address is the last one
  reached by permanent redirects only;
- home: the redirects end on a site's home page (/, /sv/, /en/, index.html):
  the document has probably moved, it is not fine;
- gone: 404 or 410, reported at once;
- failed: no answer in time, no connection, a server error (5xx), another
  error status or a redirect loop. A site that is down for an hour is not
  broken: a failure counts only when a check at least CONFIRM_AFTER after
  the first failure fails too (the first failure is kept in the cache, see
  record());
- unchecked: robots.txt disallows the check, or the server refuses robots
  like us (401/403). Not an error: open the link by hand.

Results are cached in .cache/linkcheck.json: a result is reused for
RECHECK_AFTER, so a second run a few hours later asks only about new
addresses and failures waiting for their second check. When no server
answers at all there is no internet: nothing is recorded.
"""
from __future__ import annotations

import datetime
import json
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

ROOT = Path(__file__).resolve().parents[1]

from nmt.checks.links import link_targets

CACHE = ROOT / ".cache" / "linkcheck.json"
CACHE_VERSION = 2
AGENT = "NMT-handbok-linkcheck"  # the product token robots.txt rules can name
USER_AGENT = (f"{AGENT}/2.0 (NMT-handboken, the methods handbook of Nationellt metodstödsteam mot prostitution "
              "och människohandel, checks the sources it cites about once a week; "
              "+https://github.com/nmt-handbok/nmt-handbok)")
TIMEOUT = 15  # seconds to connect, and seconds of silence while waiting for an answer
PAUSE = 1.0  # seconds between two requests to the same host
MAX_CRAWL_DELAY = 30.0
HOSTS_AT_ONCE = 8
MAX_REDIRECTS = 10
ROBOTS_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB
RECHECK_AFTER = 3 * 24 * 3600  # the weekly run asks again; a run a few hours later reuses the result
CONFIRM_AFTER = 3 * 3600  # a failure counts when a check this much later fails too

OK, MOVED, HOME, GONE, FAILED, UNCHECKED = "ok", "moved", "home", "gone", "failed", "unchecked"
KINDS = {OK, MOVED, HOME, GONE, FAILED, UNCHECKED}
REDIRECT = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
# A site's home page: "", "/", a language root ("/sv/", "/en-gb") or an index file.
HOME_PATH = re.compile(r"/?(?:[a-z]{2}(?:-[a-z]{2})?/?)?(?:index\.[a-z]{3,4})?", re.I)


# --- Where the outside links are ------------------------------------------------------

def external_links(docs: Path) -> dict[str, list[str]]:
    """http(s) URL → the places ("docs/file.md:LINE") where it is written."""
    places: dict[str, list[str]] = {}
    for path in sorted(docs.rglob("*")):
        if path.suffix not in (".md", ".yml") or path.name.startswith("_"):
            continue
        text = path.read_text("utf-8")
        relative = path.relative_to(docs.parent).as_posix()
        found = list(link_targets(text)) if path.suffix == ".md" else []
        # Front matter, glossary and register: every url: value.
        found += [(number, line.split("url:", 1)[1].strip().strip("\"'}"))
                  for number, line in enumerate(text.splitlines(), 1) if "url:" in line]
        for number, url in found:
            url = url.split(",")[0].strip().strip("\"'}")
            if url.startswith(("https://", "http://")):  # the build refuses http:, but it is checked all the same
                places.setdefault(url, []).append(f"{relative}:{number}")
    return places


# --- Asking servers politely ----------------------------------------------------------

class RobotsUnreachable(Exception):
    """The host's robots.txt could not be read (5xx or no answer): the host is not asked."""


@dataclass
class Hosts:
    """The polite way to one or more servers, for one run.

    One request per host at a time (a lock per host), a pause between two
    requests to the same host, robots.txt read once per host. Each host has
    its own requests.Session (kept-alive connections), used under the host's
    lock, so no session is shared between threads. close() closes them."""
    user_agent: str = USER_AGENT
    timeout: float = TIMEOUT
    pause: float = PAUSE
    answered: bool = False  # some server answered (the internet is there)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _sessions: dict = field(default_factory=dict)  # host → requests.Session
    _turns: dict = field(default_factory=dict)  # host → Lock: one request at a time
    _robot_turns: dict = field(default_factory=dict)  # host → Lock: robots.txt read once
    _next: dict = field(default_factory=dict)  # host → time.monotonic() when it may be asked again
    _robots: dict = field(default_factory=dict)  # host → RobotFileParser, None (no rules) or why unreachable
    _no_head: set = field(default_factory=set)  # hosts that answered HEAD with 405/501

    def _lock(self, locks: dict, host: str) -> threading.Lock:
        with self._guard:
            return locks.setdefault(host, threading.Lock())

    def _session(self, host: str) -> requests.Session:
        with self._guard:
            return self._sessions.setdefault(host, requests.Session())

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()

    def ask(self, method: str, url: str, read: int = 0) -> tuple[int, str | None, bytes]:
        """(status, Location header, up to `read` bytes of the body) of one request.

        Raises requests.RequestException (a timeout, no connection)."""
        host = host_of(url)
        with self._lock(self._turns, host):
            time.sleep(max(0.0, self._next.get(host, 0.0) - time.monotonic()))
            try:
                with self._session(host).request(method, url, headers={"User-Agent": self.user_agent},
                                                 timeout=self.timeout, allow_redirects=False,
                                                 stream=True) as response:
                    self.answered = True
                    body = response.raw.read(read, decode_content=True) if read else b""
                    return response.status_code, response.headers.get("Location"), body
            except requests.exceptions.ReadTimeout:
                self.answered = True  # connected, but no answer in time
                raise
            finally:
                self._next[host] = time.monotonic() + self._pause_for(host)

    def _pause_for(self, host: str) -> float:
        rules = self._robots.get(host)
        delay = rules.crawl_delay(AGENT) if isinstance(rules, RobotFileParser) else None
        return max(self.pause, min(float(delay or 0), MAX_CRAWL_DELAY))

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets us ask for the url; raises RobotsUnreachable."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        with self._lock(self._robot_turns, host):
            if host not in self._robots:
                self._robots[host] = self._read_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
        rules = self._robots[host]
        if isinstance(rules, str):  # unreachable this run: the host's other urls are not asked either
            raise RobotsUnreachable(rules)
        return rules is None or rules.can_fetch(AGENT, url)

    def _read_robots(self, url: str) -> RobotFileParser | str | None:
        """The rules; None when there are none (4xx); why not, as text, when unreachable."""
        try:
            for _ in range(5):  # RFC 9309: follow at least five redirects
                status, location, body = self.ask("GET", url, read=ROBOTS_BYTES)
                if status not in REDIRECT or not location:
                    break
                url = urljoin(url, location)
        except requests.RequestException as error:
            return describe_error(error)
        if status >= 500:
            return f"HTTP {status}"
        if status >= 300:
            return None  # no robots.txt (4xx), or redirects without end: no rules, everything is allowed
        rules = RobotFileParser()
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules

    def head_then_get(self, url: str) -> tuple[int, str | None]:
        """HEAD, and GET when the server refuses or fails HEAD."""
        host = host_of(url)
        if host not in self._no_head:
            status, location, _ = self.ask("HEAD", url)
            if status < 400:
                return status, location
            if status in (405, 501):
                self._no_head.add(host)
        status, location, _ = self.ask("GET", url)
        return status, location


def host_of(url: str) -> str:
    """'www.riksdagen.se' (with a port when there is one); '' for an address that does not parse."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def describe_error(error: requests.RequestException) -> str:
    if isinstance(error, requests.exceptions.Timeout):
        return "timeout"
    if isinstance(error, requests.exceptions.ConnectionError):
        return "no connection"
    return type(error).__name__


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and HOME_PATH.fullmatch(parts.path) is not None


def permanent_address(hops: list[tuple[int, str]]) -> str | None:
    """The address reached by the leading permanent redirects (a temporary one after them does not count)."""
    address = None
    for status, target in hops:
        if status not in PERMANENT:
            break
        address = target
    return address


def outcome(url: str, hops: list[tuple[int, str]], status: int) -> dict:
    """What the answer means for the handbook."""
    final = hops[-1][1] if hops else url
    where = {"at": final} if hops else {}
    if status in (404, 410):
        return {"kind": GONE, "status": f"HTTP {status}", **where}
    if status in (401, 403):
        return {"kind": UNCHECKED, "status": f"HTTP {status}", **where}
    if not 200 <= status < 300:
        return {"kind": FAILED, "status": f"HTTP {status}", **where}
    if hops and is_home(final) and not is_home(url):
        return {"kind": HOME, "status": f"HTTP {hops[0][0]}", "to": final}
    moved_to = permanent_address(hops)
    if moved_to and moved_to != url:
        return {"kind": MOVED, "status": f"HTTP {hops[0][0]}", "to": moved_to}
    return {"kind": OK, "status": f"HTTP {status}"}


def check_url(url: str, hosts: Hosts) -> dict:
    """Follow the url's redirects one by one and say what the answer means."""
    hops, current = [], url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            if not hosts.allowed(current):
                return {"kind": UNCHECKED, "status": "robots.txt", **({"at": current} if hops else {})}
            status, location = hosts.head_then_get(current)
            if status not in REDIRECT or not location:
                return outcome(url, hops, status)
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                return {"kind": FAILED, "status": "redirect to a non-web address", "at": current}
            hops.append((status, current))
    except RobotsUnreachable as unreachable:
        return {"kind": FAILED, "status": f"robots.txt: {unreachable}"}
    except requests.RequestException as error:
        return {"kind": FAILED, "status": describe_error(error)}
    except ValueError:  # an address (or a server's Location) that is no address at all
        return {"kind": FAILED, "status": "not a valid address"}
    return {"kind": FAILED, "status": "too many redirects", "at": current}


# --- The cache: results, and the first of a series of failures ---------------------------

def load_cache(path: Path) -> dict:
    """url → entry; {} when the file is missing, unreadable or from an older version."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    links = data.get("links") if isinstance(data, dict) and data.get("version") == CACHE_VERSION else None
    return {url: entry for url, entry in (links or {}).items() if _valid_entry(entry)}


def _valid_entry(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("checked"), (int, float))
            and isinstance(entry.get("outcome"), dict) and entry["outcome"].get("kind") in KINDS
            and isinstance(entry["outcome"].get("status"), str)
            and (entry.get("first_failed") is None or isinstance(entry["first_failed"], (int, float))))


def save_cache(path: Path, links: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"version": CACHE_VERSION, "links": links}, indent=1, sort_keys=True), "utf-8")
    partial.replace(path)


def record(previous: dict | None, result: dict, now: float) -> dict:
    """The cache entry after a check: a failure keeps the time of the first failure in a row."""
    failed = result["kind"] == FAILED
    first = (previous or {}).get("first_failed") if failed else None
    return {"checked": now, "outcome": result, "first_failed": (first or now) if failed else None}


def confirmed(entry: dict) -> bool:
    """A failure seen twice, at least CONFIRM_AFTER apart."""
    return entry["outcome"]["kind"] == FAILED and entry["checked"] - entry["first_failed"] >= CONFIRM_AFTER


def waiting(entry: dict) -> bool:
    """A failure seen once, waiting for its second check."""
    return entry["outcome"]["kind"] == FAILED and not confirmed(entry)


def due(entry: dict | None, now: float) -> bool:
    if entry is None:
        return True
    if waiting(entry):
        return now - entry["first_failed"] >= CONFIRM_AFTER
    return now - entry["checked"] >= RECHECK_AFTER


# --- A run --------------------------------------------------------------------------

@dataclass
class LinkCheck:
    links: dict  # url → cache entry, for every url in the handbook (empty when offline)
    asked: int  # addresses checked in this run
    offline: bool  # nothing answered: no internet


def check_links(urls, cache: dict, now: float, hosts: Hosts, workers: int = HOSTS_AT_ONCE) -> LinkCheck:
    """Check the urls whose cached result is due; hosts in parallel, each host's urls one after another."""
    stale = [url for url in urls if due(cache.get(url), now)]
    per_host: dict[str, list[str]] = {}
    for url in stale:
        per_host.setdefault(host_of(url), []).append(url)

    def check_host(host_urls: list[str]) -> list[tuple[str, dict]]:
        return [(url, check_url(url, hosts)) for url in host_urls]

    busiest_first = sorted(per_host.values(), key=len, reverse=True)  # the longest queue sets the run's length
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = [pair for pairs in pool.map(check_host, busiest_first) for pair in pairs]
    if stale and not hosts.answered:
        return LinkCheck({}, 0, offline=True)
    fresh = {url: record(cache.get(url), result, now) for url, result in results}
    return LinkCheck({url: fresh.get(url) or cache[url] for url in urls}, len(stale), offline=False)


def when(timestamp: float) -> str:
    """2026-12-07 04:17 UTC"""
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def problem(url: str, entry: dict) -> str | None:
    """What is wrong with the link and what to do, in English, or None when there is nothing to do."""
    result = entry["outcome"]
    kind, status, target = result["kind"], result["status"], result.get("to") or result.get("at")
    seen = f"seen {when(entry['checked'])}"
    if kind == GONE:
        return f"the outside link {url} is gone ({status}, {seen}) — find the document's new address or remove it"
    if kind == MOVED:
        return f"the outside link {url} has moved permanently ({status}) to {target} — link the new address"
    if kind == HOME:
        return (f"the outside link {url} now leads to the home page {target}: the document has probably moved — "
                "find its new address")
    if kind == FAILED and confirmed(entry):
        return (f"the outside link {url} does not work ({status}; seen {when(entry['first_failed'])} and "
                f"{when(entry['checked'])}) — open it; if it still fails, find the document's new address")
    return None


def main() -> int:
    places = external_links(ROOT / "docs")
    hosts = Hosts()
    try:
        check = check_links(places, load_cache(CACHE), time.time(), hosts)
    finally:
        hosts.close()
    if check.offline:
        print("No internet connection: the outside links were not checked.")
        return 1
    save_cache(CACHE, check.links)
    print(f"{len(places)} outside links, {check.asked} checked now, {len(places) - check.asked} from the cache")
    broken = {url: text for url, entry in check.links.items() if (text := problem(url, entry))}
    for url, text in sorted(broken.items()):
        for place in places[url]:
            print(f"{place}: {text}")
    print(f"{len(broken)} to fix")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
