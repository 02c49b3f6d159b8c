"""Check that outside links still work: `make linkcheck-external`.

Needs the internet, so it is not part of `make test`. Collects every https
address in docs/ (page links, front-matter sources, glossary and statute
register), asks each host once (HEAD, then GET when HEAD is refused) and
prints broken ones as file:line: … like the build does. Results are cached
in .cache/linkcheck.json for a week so a re-run only asks what is new.
"""
from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from link_policy import link_targets  # noqa: E402  (hooks/ is not a package)

CACHE = ROOT / ".cache" / "linkcheck.json"
WEEK = 7 * 24 * 3600
HEADERS = {"User-Agent": "nmt-handbok-linkcheck/1.0 (+https://github.com/nmt-handbok/nmt-handbok)"}


def external_links(docs: Path) -> dict[str, list[str]]:
    """https URL → the places ("docs/file.md:LINE") where it is written."""
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
            if url.startswith("https://"):
                places.setdefault(url, []).append(f"{relative}:{number}")
    return places


def status_of(url: str) -> str:
    try:
        response = requests.head(url, headers=HEADERS, timeout=15, allow_redirects=True)
        if response.status_code in (403, 405, 501):
            response = requests.get(url, headers=HEADERS, timeout=20, allow_redirects=True, stream=True)
        return "ok" if response.status_code < 400 else f"HTTP {response.status_code}"
    except requests.RequestException as error:
        return type(error).__name__


def main() -> int:
    places = external_links(ROOT / "docs")
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    now = time.time()
    stale = [url for url in places if url not in cache or now - cache[url]["checked"] > WEEK]
    print(f"{len(places)} outside links, {len(stale)} to check ({len(places) - len(stale)} cached)")
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, status in zip(stale, pool.map(status_of, stale)):
            cache[url] = {"status": status, "checked": now}
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(cache, indent=1, sort_keys=True))
    broken = {url: cache[url]["status"] for url in places if cache[url]["status"] != "ok"}
    for url, status in sorted(broken.items()):
        for place in places[url]:
            print(f"{place}: the outside link {url} does not work ({status}) — find the page's new address")
    print(f"{len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
