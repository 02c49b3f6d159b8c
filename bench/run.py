"""`make bench`: how the handbook's build and search scale, and how heavy the
real site is. Benchmarks, not tests: nothing here fails a build; the figures
are written to BENCHMARKS.md (between its bench:results markers; the text
around them is kept) and to .bench/results.json.

For each N in --sizes (pages per language) it generates a synthetic handbook
with bench/generate.py into .bench/site-N/ and measures
- the full strict build (wall time, CPU time, peak RSS of the largest
  process, median of --reps runs), HTML bytes per page, site size, the search
  index of each language;
- the offline build (mkdocs-offline.yml) and its zip (scripts/pack_offline.py;
  the PDFs of `make offline` are skipped for synthetic sites);
- for N in --browser-sizes, in headless Chromium: search over file:// (the
  offline build) and over http (the online build served by Python's
  http.server): seconds until the index is ready, until the first results
  when typing right at page load (cold) and once the index is ready (warm),
  and the JS heap of the tab (page + search worker, CDP);
- for N in --browser-sizes, over file://: the long tasks of the page's thread
  from navigation until the first results when the reader types right after
  the load event, and when those results come (`--only offline-search`
  measures just this, on one offline build per size);
- `--before RESULTS.json`: the search figures of another results file (made
  the same way from an earlier commit) are kept beside these as "before",
  with --before-label saying what they are;
- for N in --stock-sizes: the same docs with a "stock" Material set-up
  (navigation.sections, no navigation.prune, one merged search index, no
  hooks, no overrides).
Preview (bench/preview.py): seconds from saving a page to `mkdocs serve`
showing it in Chromium, with the full build time of the same site, on the
real site and at --preview-sizes, each also with plain `mkdocs serve` (every save
rebuilds everything, as before 1 December) for comparison.
On the real site: the hooks' share of the build (bench/hooks_overhead.py,
with and without the git dates), the stock ratio, the home page's weight
(uncompressed and gzip) and Lighthouse (bench/node_modules, served by nginx
with hosting/nginx.conf). At --ideas-size: variants of the configuration
(navigation shape, the git dates, the quadratic steps that were removed, put
back in copies of the hooks/config), what the search index holds, and a
cProfile of the build.

Usage:
  python bench/run.py --sizes 100 500 2000 --out BENCHMARKS.md   # make bench (25-30 min on 2 cores)
  python bench/run.py --sizes 100 500 --out BENCHMARKS.md        # quicker
  python bench/run.py --only real                                 # just the real-site figures
  python bench/run.py --only offline-search --sizes 500 2000      # offline search long tasks (~10 min)
  python bench/run.py --only preview                              # preview save → page (~8 min)
  python bench/run.py --only sizes --sizes 500 2000 --before OLD/.bench/results.json --before-label "…"
                                                                  # search before/after a change
  python bench/run.py --only cost --sizes 500 2000 --cost-reps 5  # the build's cost beside stock (~25 min)

`--only cost` (issue 23) builds the generated site at each of --sizes with
our configuration and, at --stock-sizes, with the stock set-up, alternating
ours and stock (ours first in odd repetitions, stock first in even ones) so
both see the same machine; `--cost-baseline REV` adds the hooks of a git
revision (hooks/ as committed there, on the same generated docs) to each
round. Wall and CPU time, peak RSS and the 1-minute load average around
each build; the report gives medians and the median of the per-round
ratios ours / stock.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import json
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # it imports from tests/ too: leave no __pycache__ behind
ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"

import generate
import hooks_overhead
import preview

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
OUR_FEATURES = hooks_overhead.site_yaml()["theme"]["features"]
STOCK_FEATURES = ["navigation.sections" if f == "navigation.prune" else f for f in OUR_FEATURES]
QUERIES = {"sv": ("människohandel", "betänketid"), "en": ("trafficking", "interpreter")}
MARK_START, MARK_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
TARGETS = {"build_500_s": 15, "scale_2000": 4.5, "html_kb": 50, "search_500_s": 0.5, "heap_500_mb": 150,
           "search_2000_s": 1.5, "online_ready_2000_s": 1.0, "online_heap_2000_mb": 100, "hooks_share": 0.10, "home_kb": 150, "lh_performance": 95,
           "lh_accessibility": 100, "longtask_ms": 200, "offline_first_500_ms": 500, "offline_first_2000_ms": 1000,
           "preview_real_s": 1.0, "preview_500_s": 3.0,
           "cost_wall_vs_stock": 0.6, "cost_rss_vs_stock": 1.3, "cost_rss_2000_mb": 300}
STACK_NOTES = {  # stock set-up measured on this machine type (the stack notes)
    100: {"build_s": 6.4, "site_mb": 20},
    500: {"build_s": 44, "site_mb": 211, "html_kb": 197, "file_first_s": 3.5, "heap_mb": 322,
          "prune_build_s": 22.5, "prune_html_kb": 54},
    2000: {"build_s": 560, "site_mb": 2700, "html_kb": 680, "file_first_s": 7.6, "heap_mb": 1100,
           "prune_build_s": 181},
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Builds ------------------------------------------------------------------------------

def run_build(config: Path, site: Path, strict: bool = True, profile: Path | None = None) -> dict:
    """One `mkdocs build`: wall and CPU seconds, peak RSS (of the largest
    process: mkdocs or one of the git/pool processes it waited for)."""
    if site.exists():
        shutil.rmtree(site)
    command = ["-m", "mkdocs", "build", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    if profile:
        command = ["-m", "cProfile", "-o", str(profile)] + command
    log_path = site.parent / f"{site.name}.log"
    # Peak RSS through GNU time: a child forked from this (large) process
    # inherits its high-water mark in ru_maxrss; time's own child does not.
    rss_path = site.parent / f"{site.name}.rss"
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(rss_path)] if Path("/usr/bin/time").exists() else []
    with open(log_path, "w") as output:
        started = time.perf_counter()
        process = subprocess.Popen([*timer, PY, *command], cwd=config.parent, env=ENV, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(errors="replace")
    maxrss_kb = usage.ru_maxrss
    if timer and rss_path.exists():
        lines = rss_path.read_text().split()
        maxrss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else maxrss_kb
    result = {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_mb": maxrss_kb / 1024,
              "ok": process.returncode == 0, "warnings": len(re.findall(r"^WARNING", text, re.M)),
              "errors": len(re.findall(r"^ERROR", text, re.M))}
    if not result["ok"] and strict:
        raise SystemExit(f"build failed: {config} (log: {log_path})\n{text[-3000:]}")
    return result


def builds(config: Path, site: Path, reps: int, strict: bool = True) -> dict:
    runs = [run_build(config, site, strict) for _ in range(reps)]
    median = {key: statistics.median(run[key] for run in runs) for key in ("wall_s", "cpu_s", "maxrss_mb")}
    return {**median, "runs": [round(run["wall_s"], 2) for run in runs], "warnings": runs[-1]["warnings"]}


def site_metrics(site: Path) -> dict:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html" and path.name != "404.html"
             and not path.relative_to(site).parts[0] == "assets"]
    sizes = sorted(path.stat().st_size for path in pages)
    result = {"files": len(files), "site_bytes": sum(path.stat().st_size for path in files),
              "pages": len(pages), "html_avg_bytes": sum(sizes) / len(sizes),
              "html_median_bytes": sizes[len(sizes) // 2], "html_max_bytes": sizes[-1]}
    # What an HTML minifier could save: Material's templates indent heavily.
    # Estimated on up to 300 pages: leading whitespace of every line removed
    # (none of the measured pages has <pre> blocks whose lines it would change).
    sample = pages[:: max(1, len(pages) // 300)]
    raw = [path.read_bytes() for path in sample]
    dedented = [re.sub(rb"\n[ \t]+", b"\n", data) for data in raw]
    result.update(
        sample_pages=len(sample),
        html_sample_avg_bytes=sum(map(len, raw)) / len(raw),
        html_dedented_avg_bytes=sum(map(len, dedented)) / len(raw),
        html_gzip_avg_bytes=sum(len(gzip.compress(data, 5)) for data in raw) / len(raw),
        html_dedented_gzip_avg_bytes=sum(len(gzip.compress(data, 5)) for data in dedented) / len(raw))
    from nmt.search import per_language as search_per_language
    for language, folder in (("sv", site / "search"), ("en", site / "en" / "search")):
        if (folder / "search_index-0.js").exists():
            result[f"index_{language}_bytes"] = sum(path.stat().st_size for path in folder.glob("search_index*"))
            result[f"index_{language}_entries"] = len(search_per_language.read_entries(folder))
    return result


def variant_config(site_dir: Path, name: str, *, features: list | None = None, hooks: list | None = None,
                   custom_dir: str | None = None, i18n: dict | None = None) -> Path:
    """mkdocs-<name>.yml beside the generated mkdocs.yml, inheriting it."""
    config: dict = {"INHERIT": "mkdocs.yml"}
    if features is not None or custom_dir is not None:
        config["theme"] = {}
        if features is not None:
            config["theme"]["features"] = features
        if custom_dir is not None:
            config["theme"]["custom_dir"] = custom_dir
    if hooks is not None:
        config["hooks"] = hooks
    if i18n is not None:
        config.setdefault("plugins", {})["i18n"] = i18n
    path = site_dir / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def stock_config(site_dir: Path) -> Path:
    (site_dir / "stock-overrides").mkdir(exist_ok=True)  # empty: Material's own templates
    return variant_config(site_dir, "stock", features=STOCK_FEATURES, hooks=[], custom_dir="stock-overrides")


def patched_hooks(site_dir: Path, name: str, patches: list[tuple[str, str, str]],
                  extra: list[str] = ()) -> list[str]:
    """A copy of the site's hooks in hooks-<name>/ with (file, old, new)
    replacements and extra hook files from bench/patches/; returns the hooks
    list for a variant configuration."""
    target = hooks_overhead.patched_copy(site_dir / "hooks", site_dir / f"hooks-{name}", patches)
    for patch in extra:
        shutil.copyfile(ROOT / "bench" / "patches" / patch, target / patch)
    hooks = hooks_overhead.site_yaml(site_dir / "mkdocs.yml")["hooks"]
    return [hook.replace("hooks/", f"hooks-{name}/", 1) for hook in hooks] + [f"hooks-{name}/{p}" for p in extra]


ENRICH_FORWARD = [("nmt/search/enrichment.py", "    for entry in reversed(entries):\n", "    for entry in entries:\n")]


def offline_zip(site_dir: Path) -> dict:
    """Build mkdocs-offline.yml and pack it; the PDFs are skipped."""
    result = run_build(site_dir / "mkdocs-offline.yml", site_dir / "site-offline")
    dist = site_dir / "dist"
    if dist.exists():
        shutil.rmtree(dist)
    subprocess.run([PY, str(ROOT / "scripts" / "pack_offline.py"), str(site_dir / "site-offline"), str(dist)],
                   check=True, capture_output=True, env=ENV, cwd=ROOT)
    archive = next(dist.glob("*.zip"))
    return {"offline_wall_s": result["wall_s"], "offline_maxrss_mb": result["maxrss_mb"],
            "zip_bytes": archive.stat().st_size, "offline_site_bytes": site_metrics(site_dir / "site-offline")["site_bytes"]}


# --- Browser -----------------------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """Python's http.server on 127.0.0.1 (no compression), in a thread."""

    def __init__(self, folder: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Nginx:
    """Debian's nginx with hosting/nginx.conf (gzip, headers), as tests/hosting does."""

    def __init__(self, folder: Path):
        from hosting.conftest import MIME_TYPES, NGINX, free_port, main_config, server_block_for_test, wait_for_port
        if not NGINX.exists() or not MIME_TYPES.exists():
            raise RuntimeError("nginx is missing: run `make system-packages`")
        prefix = BENCH / "nginx"
        if prefix.exists():
            shutil.rmtree(prefix)
        prefix.mkdir(parents=True)
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / ("temp_" + name)).mkdir()
        (prefix / "nginx.conf").write_text(main_config(prefix), "utf-8")
        port = free_port()
        (prefix / "server.conf").write_text(server_block_for_test(
            (ROOT / "hosting" / "nginx.conf").read_text("utf-8"), folder, port), "utf-8")
        self.process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                         "-e", str(prefix / "error.log"), "-g", "daemon off;"])
        wait_for_port(port, self.process, prefix / "error.log")
        self.url = f"http://127.0.0.1:{port}/"

    def close(self):
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class HeapProbe:
    """JS heap of a tab: the page (with same-process frames, e.g. the offline
    search iframe) plus its dedicated workers (the online search worker),
    through CDP. Workers are reached by auto-attach without flattening."""

    def __init__(self, context, page):
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.workers, self.replies, self.next_id = [], {}, 10_000
        self.cdp.on("Target.attachedToTarget", self._attached)
        self.cdp.on("Target.receivedMessageFromTarget", self._received)
        self.cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False,
                                               "flatten": False})
        self.cdp.send("Performance.enable")

    def _attached(self, event):
        if event["targetInfo"]["type"] == "worker":
            self.workers.append(event["sessionId"])

    def _received(self, event):
        message = json.loads(event["message"])
        if "id" in message:
            self.replies[message["id"]] = message

    def _worker_call(self, session: str, method: str) -> dict:
        self.next_id += 1
        ask = self.next_id
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": session,
                                                     "message": json.dumps({"id": ask, "method": method})})
        for _ in range(100):
            if ask in self.replies:
                return self.replies.pop(ask).get("result", {})
            self.page.wait_for_timeout(50)
        return {}

    def used_mb(self, collect: bool = False) -> dict:
        if collect:
            self.cdp.send("HeapProfiler.collectGarbage")
            for session in self.workers:
                self._worker_call(session, "HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        page = metrics["JSHeapUsedSize"] / 1e6
        workers = sum(self._worker_call(session, "Runtime.getHeapUsage").get("usedSize", 0)
                      for session in self.workers) / 1e6
        return {"page_mb": page, "worker_mb": workers, "total_mb": page + workers}


READY = "() => !/Initiali[sz]/.test(document.querySelector('.md-search-result__meta').textContent)"


def pasted_query(page, query: str, timeout_ms: int) -> float:
    """Seconds until results when the whole query arrives at once (pasted:
    one keyup), so that no one-letter prefix searches run before it."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list a')", timeout=timeout_ms)
    started = time.perf_counter()
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__list a')", timeout=timeout_ms)
    return time.perf_counter() - started


def search_figures(browser, url: str, language: str, timeout_ms: int, runs: int = 3) -> dict:
    """Median timings of `runs` fresh tabs, measured without DevTools probes
    attached (they slow JavaScript down); the heap in a tab of its own."""
    from searchbox import search
    query, second = QUERIES[language]

    def warm_run() -> dict:
        # Index ready, then typing. Material shows "ready" in the search box only
        # once it has focus (on file:// it never updates before), so focus it.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        loaded = time.perf_counter() - started
        page.locator("input.md-search__input").click()
        page.wait_for_function(READY, timeout=timeout_ms, polling=20)
        ready = time.perf_counter() - started
        warm, links = search(page, query, timeout_ms)
        warm_second, _ = search(page, second, timeout_ms)
        one_query = pasted_query(page, query, timeout_ms)
        context.close()
        return {"load_s": loaded, "ready_s": ready, "warm_first_s": warm, "warm_second_s": warm_second,
                "warm_pasted_s": one_query, "results": len(links)}

    def cold_run() -> dict:
        # The reader types as soon as the page has loaded.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        cold, cold_links = search(page, query, timeout_ms)
        cold_from_navigation = time.perf_counter() - started
        context.close()
        return {"cold_first_s": cold, "cold_from_navigation_s": cold_from_navigation, "cold_results": len(cold_links)}

    def heap_run() -> dict:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        probe = HeapProbe(context, page)
        page.goto(url, wait_until="load")
        page.locator("input.md-search__input").click()
        page.wait_for_function(READY, timeout=timeout_ms, polling=20)
        search(page, query, timeout_ms)
        search(page, second, timeout_ms)
        page.wait_for_timeout(500)
        heap, heap_gc = probe.used_mb(), probe.used_mb(collect=True)
        context.close()
        return {"heap_mb": heap["total_mb"], "heap_page_mb": heap["page_mb"],
                "heap_worker_mb": heap["worker_mb"], "heap_gc_mb": heap_gc["total_mb"]}

    samples = [{**warm_run(), **cold_run()} for _ in range(runs)]
    figures = {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}
    figures["runs"] = runs
    return {**figures, **heap_run()}


def sample_page(site_dir: Path) -> str:
    """A content page two folders deep (no extension), the same in every run."""
    return preview.sample_page(site_dir)[:-3]


def browser_figures(site_dir: Path, variants: dict[str, Path | None], timeout_ms: int) -> dict:
    """variants: {"file": offline site, "http": online site}."""
    from playwright.sync_api import sync_playwright
    page = sample_page(site_dir)
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for transport, site in variants.items():
                if site is None:
                    continue
                server = Server(site) if transport == "http" else None
                try:
                    for language in ("sv", "en"):
                        prefix = "" if language == "sv" else "en/"
                        if transport == "http":
                            url = f"{server.url}{prefix}{page}/"
                        else:
                            url = (site / f"{prefix}{page}.html").as_uri()
                        log(f"  search {transport} {language}: {url}")
                        results[f"{transport}_{language}"] = search_figures(browser, url, language, timeout_ms)
                finally:
                    if server:
                        server.close()
        finally:
            browser.close()
    return results


# Installed before any of the page's scripts: the long tasks of the page's
# thread (offline, the search iframe runs on it too), the first key typed and
# when the first result shows (ms since navigation). buffered: true also
# delivers tasks from before the observer existed.
LONGTASK_PROBE = """
if (window.top === window) {
  window.nmtProbe = {tasks: [], firstKey: null, firstResult: null};
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) window.nmtProbe.tasks.push([entry.startTime, entry.duration]);
  }).observe({type: "longtask", buffered: true});
  addEventListener("keydown", event => {
    if (window.nmtProbe.firstKey === null && event.key.length === 1) window.nmtProbe.firstKey = performance.now();
  }, true);
  new MutationObserver(() => {
    if (window.nmtProbe.firstResult === null && document.querySelector(".md-search-result__list a"))
      window.nmtProbe.firstResult = performance.now();
  }).observe(document, {subtree: true, childList: true});
}
"""


def longtask_run(browser, url: str, query: str, timeout_ms: int) -> dict:
    """One fresh tab: the reader types the query (key by key, as
    tests/searchbox.py does) right after the load event. Long tasks are those
    that started between navigation and the first result."""
    from searchbox import search
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONGTASK_PROBE)
    page = context.new_page()
    page.goto(url, wait_until="load")
    search(page, query, timeout_ms)
    probe = page.evaluate("""() => ({...window.nmtProbe,
        load: performance.getEntriesByType("navigation")[0].loadEventEnd})""")
    context.close()
    first = probe["firstResult"]
    before = [duration for start, duration in probe["tasks"] if start < first]
    return {"load_ms": probe["load"], "first_key_ms": probe["firstKey"], "first_results_ms": first,
            "from_key_ms": first - probe["firstKey"], "longest_task_ms": max(before, default=0.0),
            "long_tasks": len(before), "tasks_over_200": sum(d > 200 for d in before),
            "blocking_ms": sum(d - 50 for d in before)}


def longtask_figures(browser, url: str, language: str, timeout_ms: int, runs: int = 5) -> dict:
    """Medians over `runs` fresh tabs, and the worst longest task of any run."""
    samples = [longtask_run(browser, url, QUERIES[language][0], timeout_ms) for _ in range(runs)]
    figures = {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}
    figures.update(runs=runs, worst_task_ms=max(sample["longest_task_ms"] for sample in samples),
                   first_results_runs_ms=[round(sample["first_results_ms"]) for sample in samples])
    return figures


def search_bytes(site: Path) -> int:
    """The search files of a copy, both languages: search_index.json/.js and the engine's parts."""
    return sum(path.stat().st_size for folder in site.glob("**/search") for path in folder.glob("search_index*"))


def offline_search(site_dir: Path, timeout_ms: int, runs: int = 5, zips: bool = True) -> dict:
    """file://: long tasks and first results of the offline copy as built
    (variant "engine": our search engine and its index, issue 24). Earlier
    set-ups (the prebuilt lunr index of 1 December, lunr building in the
    browser before it) can no longer be made from this code: their figures
    stay in results.json under their own variant names."""
    from playwright.sync_api import sync_playwright
    built = site_dir / "site-offline"
    page = sample_page(site_dir)
    result = {"page": page, "variants": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            figures = {"site_bytes": site_metrics(built)["site_bytes"], "search_bytes": search_bytes(built)}
            for language in ("sv", "en"):
                url = (built / f"{'' if language == 'sv' else 'en/'}{page}.html").as_uri()
                log(f"  long tasks, file:// {language}: {url}")
                figures[language] = longtask_figures(browser, url, language, timeout_ms, runs)
            result["variants"]["engine"] = figures
        finally:
            browser.close()
    if zips:
        dist = site_dir / "dist-engine"
        shutil.rmtree(dist, ignore_errors=True)
        subprocess.run([PY, str(ROOT / "scripts" / "pack_offline.py"), str(built), str(dist)],
                       check=True, capture_output=True, env=ENV, cwd=ROOT)
        result["variants"]["engine"]["zip_bytes"] = next(dist.glob("*.zip")).stat().st_size
    return result


def page_weight(browser, url: str) -> dict:
    """Bytes a first visit loads, without search_index.json: uncompressed
    bodies and their gzip size (level 5 and >= 256 bytes, as hosting/nginx.conf)."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1500)
    items = []
    for response in responses:
        name = response.url.split("?")[0].rsplit("/", 1)[-1] or "index.html"
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects have no body
            continue
        kind = response.headers.get("content-type", "")
        compressible = any(t in kind for t in ("text/", "javascript", "json", "svg", "xml"))
        packed = len(gzip.compress(body, 5)) if compressible and len(body) >= 256 else len(body)
        items.append({"url": response.url, "name": name, "bytes": len(body), "gzip_bytes": packed})
    context.close()
    counted = [item for item in items if not item["name"].startswith("search_index")]
    index = [item for item in items if item["name"].startswith("search_index")]
    return {"requests": len(counted), "bytes": sum(i["bytes"] for i in counted),
            "gzip_bytes": sum(i["gzip_bytes"] for i in counted),
            "index_bytes": sum(i["bytes"] for i in index), "index_gzip_bytes": sum(i["gzip_bytes"] for i in index),
            "items": sorted(((i["name"], i["bytes"], i["gzip_bytes"]) for i in counted), key=lambda x: -x[1])}


def lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in range(3):  # Lighthouse now and then fails to launch or close Chromium
        finished = subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                                   "--chrome-flags=--headless --no-sandbox --disable-gpu",
                                   "--only-categories=performance,accessibility,best-practices,seo"],
                                  env=env, capture_output=True, text=True, timeout=300)
        if finished.returncode == 0 and out.exists():
            break
        log(f"  Lighthouse failed (attempt {attempt + 1}): {finished.stderr.strip()[-400:]}")
        time.sleep(5)
    else:
        raise RuntimeError(f"Lighthouse failed three times on {url}")
    report = json.loads(out.read_text("utf-8"))
    scores = {name: round(category["score"] * 100) if category["score"] is not None else None
              for name, category in report["categories"].items()}
    audits = report["audits"]
    weight_items = audits.get("total-byte-weight", {}).get("details", {}).get("items", [])
    without_index = sum(i["totalBytes"] for i in weight_items if "search_index" not in i["url"])
    failed_a11y = [key for key, audit in audits.items() if audit.get("score") == 0
                   and key in {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}]
    return {"scores": scores, "fcp_ms": audits["first-contentful-paint"]["numericValue"],
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "transfer_bytes": audits["total-byte-weight"]["numericValue"],
            "transfer_without_index_bytes": without_index, "failed_accessibility": failed_a11y,
            "lighthouse": report.get("lighthouseVersion")}


# --- The parts of the benchmark ----------------------------------------------------------

def measure_size(n: int, args, results: dict) -> None:
    site_dir = BENCH / f"site-{n}"
    log(f"N={n}: generating {site_dir}")
    facts = generate.generate(n, site_dir, args.seed)
    entry = results.setdefault("sizes", {}).setdefault(str(n), {})
    entry.update(generated=facts, date=datetime.date.today().isoformat())
    log(f"N={n}: building ({args.reps}×)")
    entry["build"] = builds(site_dir / "mkdocs.yml", site_dir / "site", args.reps)
    entry["site"] = site_metrics(site_dir / "site")
    log(f"N={n}: build {entry['build']['wall_s']:.1f} s, {entry['site']['html_avg_bytes'] / 1024:.1f} KB/page")
    if not args.skip_offline:
        log(f"N={n}: offline build and zip")
        entry["offline"] = offline_zip(site_dir)
    if n in args.browser_sizes:
        log(f"N={n}: search in Chromium")
        entry["browser"] = browser_figures(site_dir, {
            "file": site_dir / "site-offline" if not args.skip_offline else None,
            "http": site_dir / "site"}, args.timeout * 1000)
        if not args.skip_offline:
            log(f"N={n}: offline search, long tasks")
            entry["offline_search"] = offline_search(site_dir, args.timeout * 1000, args.longtask_runs)
    if n in args.stock_sizes:
        log(f"N={n}: stock build")
        stock = builds(stock_config(site_dir), site_dir / "site-stock", 1, strict=False)
        entry["stock"] = {**stock, **site_metrics(site_dir / "site-stock")}
        if n in args.browser_sizes:
            entry["stock"]["browser"] = browser_figures(site_dir, {"http": site_dir / "site-stock"},
                                                        args.timeout * 1000)
    for name in args.large_variants if n > args.ideas_size else []:
        log(f"N={n}: variant {name}")
        entry.setdefault("variants", {})[name] = build_variant(site_dir, name)
    if n == args.ideas_size and not args.skip_ideas:
        ideas(site_dir, args, results)
    if n == args.profile_size and not args.skip_profile:
        log(f"N={n}: cProfile of the build")
        results["profile"] = {"size": n, **profile_build(site_dir)}


VARIANTS = {
    # name: (description, builder of the config)
    "sections": ("navigation.sections added (prune kept)",
                 lambda d: variant_config(d, "sections", features=OUR_FEATURES + ["navigation.sections"])),
    "noprune": ("navigation.prune removed",
                lambda d: variant_config(d, "noprune", features=[f for f in OUR_FEATURES if f != "navigation.prune"])),
    "sections-noprune": ("Material's usual nav: sections on, prune off (our hooks kept)",
                         lambda d: variant_config(d, "sections-noprune", features=STOCK_FEATURES)),
    "nogit": ("no git dates (hooks/nmt/blocks/last_updated.py reads no history)",
              lambda d: variant_config(d, "nogit", hooks=patched_hooks(d, "nogit", hooks_overhead.NO_GIT_DATES))),
    "i18n-dedupe": ("static-i18n reconfigure_search: true again (its quadratic search de-duplication)",
                    lambda d: variant_config(d, "i18n-dedupe", i18n={"reconfigure_search": True})),
    "i18n-dedupe-linear": ("reconfigure_search: true with the de-duplication made linear (bench/patches)",
                           lambda d: variant_config(d, "i18n-dedupe-linear", i18n={"reconfigure_search": True},
                                                    hooks=patched_hooks(d, "i18n", [],
                                                                        ["i18n_linear_search_dedupe.py"]))),
    "enrich-forward": ("search/enrichment.enrich searching from the start again (quadratic)",
                       lambda d: variant_config(d, "enrich-forward", hooks=patched_hooks(d, "forward", ENRICH_FORWARD))),
    "nohooks": ("no hooks at all (our nav and overrides kept)",
                lambda d: variant_config(d, "nohooks", hooks=[])),
}


def build_variant(site_dir: Path, name: str, reps: int = 1) -> dict:
    """Build a variant `reps` times, alternating with builds of the site as
    generated (`ours`), so both see the same machine (this VM's speed drifts
    by 10-20 % over minutes); the ratio compares the two medians."""
    if name == "ours":
        description, config = "the generated mkdocs.yml (re-measured)", site_dir / "mkdocs.yml"
    else:
        description, make = VARIANTS[name]
        config = make(site_dir)
    strict = name != "nohooks"
    runs, baseline = [], []
    for _ in range(reps):
        runs.append(run_build(config, site_dir / f"site-{name}", strict))
        if name != "ours":
            baseline.append(run_build(site_dir / "mkdocs.yml", site_dir / "site-baseline"))
    metrics = site_metrics(site_dir / f"site-{name}")
    for folder in (f"site-{name}", "site-baseline"):
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    median = {key: statistics.median(run[key] for run in runs) for key in ("wall_s", "cpu_s", "maxrss_mb")}
    result = {"description": description, **median, "runs": [round(r["wall_s"], 2) for r in runs],
              "html_avg_bytes": metrics["html_avg_bytes"], "site_bytes": metrics["site_bytes"],
              "index_sv_bytes": metrics.get("index_sv_bytes")}
    if baseline:
        result["baseline_wall_s"] = statistics.median(run["wall_s"] for run in baseline)
        result["baseline_runs"] = [round(r["wall_s"], 2) for r in baseline]
        result["ratio"] = result["wall_s"] / result["baseline_wall_s"]
    return result


def ideas(site_dir: Path, args, results: dict) -> None:
    entry = results.setdefault("ideas", {})
    entry["size"] = args.ideas_size
    variants = entry.setdefault("variants", {})
    for name in args.variants:
        log(f"ideas: variant {name}")
        variants[name] = build_variant(site_dir, name, args.variant_reps)
    entry["index"] = index_composition(site_dir / "site")


def index_composition(site: Path) -> dict:
    """What the Swedish search index holds: entries by field, and the engine's words."""
    from nmt.search import per_language as search_per_language
    from nmt.search import prebuilt as search_prebuilt
    folder = site / "search"
    meta, docs = search_prebuilt.read_parts(folder, search_per_language.PARTS)
    fields: dict[str, int] = {}
    for doc in docs:
        for key, value in doc.items():
            fields[key] = fields.get(key, 0) + len(json.dumps(value, ensure_ascii=False).encode())
    pages = [doc for doc in docs if "#" not in doc["location"]]
    markup = sum(len("".join(re.findall(r"<[^>]+>", doc["text"])).encode()) for doc in docs)
    return {"entries": len(docs), "page_entries": len(pages), "section_entries": len(docs) - len(pages),
            "bytes": sum(path.stat().st_size for path in folder.glob("search_index*")), "field_bytes": fields,
            "words_part_bytes": (folder / "search_index-0.js").stat().st_size, "words": len(meta["terms"]),
            "html_markup_bytes_in_text": markup, "page_entry_text_bytes": sum(len(d["text"].encode()) for d in pages),
            "config": json.loads((folder / "search_index.json").read_text("utf-8"))["config"]}


def profile_build(site_dir: Path, config: Path | None = None, hooks_folder: str | None = None) -> dict:
    """cProfile of one build; cumulative time per component and per hook."""
    config = config or site_dir / "mkdocs.yml"
    hooks_folder = hooks_folder or f"{site_dir.name}/hooks/"
    profile = BENCH / f"profile-{site_dir.name}.prof"
    run = run_build(config, site_dir / "site-profile", profile=profile)
    shutil.rmtree(site_dir / "site-profile")
    stats = pstats.Stats(str(profile))
    total = max(entry[3] for entry in stats.stats.values())  # cumulative time of the outermost call

    def cumulative(file_part: str, function: str) -> float:
        return sum(entry[3] for (file, _line, name), entry in stats.stats.items()
                   if file_part in file and name == function)

    def hooks_total() -> float:
        """pipeline.py's event functions: every step runs inside one of them."""
        return sum(entry[3] for (file, _line, name), entry in stats.stats.items()
                   if file.endswith(hooks_folder + "pipeline.py") and name.startswith("on_"))

    def hooks_by_file() -> dict:
        """Per module of hooks/ (nmt/blocks/last_updated.py …): the time of its steps, the
        functions pipeline.py runs through run_step (core/findings.py)."""
        by_file: dict[str, float] = {}
        for (file, _line, _name), entry in stats.stats.items():
            if hooks_folder not in file:
                continue
            from_runner = [timing[3] for (caller_file, _, caller), timing in entry[4].items()
                           if caller == "run_step" and caller_file.endswith("findings.py")]
            if from_runner:
                key = file.split(hooks_folder, 1)[1]
                by_file[key] = by_file.get(key, 0) + sum(from_runner)
        return dict(sorted(by_file.items(), key=lambda item: -item[1]))

    components = {
        "static-i18n: merge + de-duplicate search entries (reconfigure_search)":
            cumulative("mkdocs_static_i18n/reconfigure.py", "reconfigure_search_index"),
        "  of which the de-duplication (quadratic)":
            cumulative("mkdocs_static_i18n/reconfigure.py", "reconfigure_search_duplicates"),
        "Markdown → HTML (Python-Markdown, all pages)": cumulative("markdown/core.py", "convert"),
        "Jinja templates (page rendering)": cumulative("jinja2/environment.py", "render"),
        "Material search plugin: index each page": cumulative("material/plugins/search/plugin.py", "on_page_context"),
        "Material search plugin: write the index": cumulative("material/plugins/search/plugin.py", "on_post_build"),
        "our hooks (all events)": hooks_total(),
        "  of which hooks/nmt/blocks/last_updated.py (one git log for all pages)":
            hooks_by_file().get("nmt/blocks/last_updated.py", 0.0),
        "MkDocs link/anchor validation (Page.validate_anchor_links)":
            cumulative("mkdocs/structure/pages.py", "validate_anchor_links"),
        "nav / files (get_navigation)": cumulative("mkdocs/structure/nav.py", "get_navigation"),
        "reading sources + front matter (Page.read_source)": cumulative("mkdocs/structure/pages.py", "read_source"),
        "writing files (utils.write_file)": cumulative("mkdocs/utils/__init__.py", "write_file"),
    }
    top = sorted(((entry[2], entry[3], entry[1], f"{Path(file).name}:{line}({name})")
                  for (file, line, name), entry in stats.stats.items()), reverse=True)[:15]
    return {"profiled_wall_s": run["wall_s"], "total_s": total, "components": components,
            "hooks": hooks_by_file(),
            "top_tottime": [{"function": where, "tottime_s": tot, "cumtime_s": cum, "calls": calls}
                            for tot, cum, calls, where in top]}


def measure_real(args, results: dict, save=lambda: None) -> None:
    entry = results.setdefault("real", {})
    entry["date"] = datetime.date.today().isoformat()
    work = BENCH / "real"
    work.mkdir(parents=True, exist_ok=True)
    log("real site: hooks overhead (git dates on and off)")
    entry["hooks"] = {"git": hooks_overhead.measure(args.real_runs, True),
                      "nogit": hooks_overhead.measure(args.real_runs, False)}
    log("real site: ours vs stock")
    ours_config = hooks_overhead.variant_config("ours", True, True)
    (work / "stock-overrides").mkdir(exist_ok=True)
    stock_text = (f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                  f"theme:\n  custom_dir: {work / 'stock-overrides'}\n  features:\n"
                  + "".join(f"    - {f}\n" for f in STOCK_FEATURES) + "hooks: []\n")
    stock = work / "mkdocs-stock.yml"
    stock.write_text(stock_text, "utf-8")
    ours_runs, stock_runs = [], []
    for _ in range(args.real_runs):
        ours_runs.append(run_build(ours_config, work / "site"))
        stock_runs.append(run_build(stock, work / "site-stock", strict=False))
    pick = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    entry["ours"] = {"wall_s": pick(ours_runs, "wall_s"), "cpu_s": pick(ours_runs, "cpu_s"),
                     "maxrss_mb": pick(ours_runs, "maxrss_mb"), **site_metrics(work / "site")}
    entry["stock"] = {"wall_s": pick(stock_runs, "wall_s"), "cpu_s": pick(stock_runs, "cpu_s"),
                      "maxrss_mb": pick(stock_runs, "maxrss_mb"), **site_metrics(work / "site-stock")}
    entry["stock_ratio_wall"] = entry["ours"]["wall_s"] / entry["stock"]["wall_s"]
    entry["stock_ratio_cpu"] = entry["ours"]["cpu_s"] / entry["stock"]["cpu_s"]
    log("real site: cProfile of the build")
    entry["profile"] = profile_build(work, ours_config, str(ROOT / "hooks") + "/")
    log("real site: offline build and zip (without PDFs)")
    offline = run_build(ROOT / "mkdocs-offline.yml", work / "site-offline")
    dist = work / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    subprocess.run([PY, str(ROOT / "scripts" / "pack_offline.py"), str(work / "site-offline"), str(dist)],
                   check=True, capture_output=True, env=ENV, cwd=ROOT)
    entry["offline"] = {"wall_s": offline["wall_s"], "zip_bytes": next(dist.glob("*.zip")).stat().st_size}
    save()
    save()

    from playwright.sync_api import sync_playwright
    log("real site: home page weight")
    server = Server(work / "site")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            entry["home"] = {"sv": page_weight(browser, server.url), "en": page_weight(browser, server.url + "en/"),
                             "content_page": page_weight(browser, server.url + "lagstiftning/koppleri/")}
            browser.close()
    finally:
        server.close()
    if args.skip_lighthouse:
        return
    if not LIGHTHOUSE.exists():
        log("Lighthouse missing: npm ci --prefix bench")
        subprocess.run(["npm", "ci", "--prefix", str(ROOT / "bench"), "--no-audit", "--no-fund", "--silent"],
                       check=True)
    log("real site: Lighthouse (mobile) against nginx with hosting/nginx.conf")
    nginx = Nginx(work / "site")
    try:
        entry["lighthouse"] = {}
        for name, path in (("home_sv", ""), ("home_en", "en/"), ("content_sv", "lagstiftning/koppleri/")):
            runs = [lighthouse(nginx.url + path, work / f"lighthouse-{name}-{k}.json") for k in range(args.lh_runs)]
            best = sorted(runs, key=lambda r: r["scores"]["performance"])[len(runs) // 2]  # the median run
            best["performance_runs"] = [r["scores"]["performance"] for r in runs]
            entry["lighthouse"][name] = best
            log(f"  {name}: {best['scores']}")
    finally:
        nginx.close()


def baseline_hooks(site_dir: Path, revision: str) -> Path:
    """mkdocs-baseline.yml: the generated site with the hooks of a git revision."""
    target = site_dir / "hooks-baseline"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    archive = subprocess.run(["git", "archive", revision, "hooks"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "--strip-components=1", "-C", str(target)], input=archive, check=True)
    return variant_config(site_dir, "baseline", hooks=["hooks-baseline/pipeline.py"])


def cost_round(configs: list[tuple[str, Path, bool]], site_dir: Path) -> dict:
    """One build of each configuration, in the order given, with the load around each."""
    figures = {}
    for name, config, strict in configs:
        load_before = os.getloadavg()[0]
        run = run_build(config, site_dir / f"site-cost-{name}", strict)
        figures[name] = {**{key: run[key] for key in ("wall_s", "cpu_s", "maxrss_mb")},
                         "load_before": load_before, "load_after": os.getloadavg()[0]}
        log(f"  {name}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, {run['maxrss_mb']:.0f} MB, "
            f"load {load_before:.1f} → {figures[name]['load_after']:.1f}")
    return figures


def measure_cost(args, results: dict, save=lambda: None) -> None:
    """Our build beside stock Material's on the same generated docs (see the module docstring)."""
    sizes = results.setdefault("cost", {}).setdefault("sizes", {})   # other sizes' rows stay
    run_facts = {"date": datetime.date.today().isoformat(), "config_fingerprint": results["machine"]["config_fingerprint"],
                 "command": " ".join(["bench/run.py", *sys.argv[1:]])}
    if args.cost_baseline:
        run_facts["baseline_revision"] = subprocess.run(["git", "rev-parse", "--short", args.cost_baseline], cwd=ROOT,
                                               capture_output=True, text=True, check=True).stdout.strip()
    for n in args.sizes:
        site_dir = BENCH / f"site-{n}"
        log(f"cost N={n}: generating {site_dir}")
        facts = generate.generate(n, site_dir, args.seed)
        configs = [("ours", site_dir / "mkdocs.yml", True)]
        if n in args.stock_sizes:
            configs.append(("stock", stock_config(site_dir), False))
        if args.cost_baseline:
            configs.append(("baseline", baseline_hooks(site_dir, args.cost_baseline), True))
        rounds = []
        for rep in range(args.cost_reps):
            log(f"cost N={n}: round {rep + 1} of {args.cost_reps}")
            rounds.append(cost_round(configs if rep % 2 == 0 else configs[::-1], site_dir))
        for name, _, _ in configs:
            shutil.rmtree(site_dir / f"site-cost-{name}", ignore_errors=True)
        sizes[str(n)] = {**run_facts, **cost_figures(rounds, [name for name, _, _ in configs],
                                                     facts["pages_per_language"])}
        save()


def cost_figures(rounds: list[dict], names: list[str], pages: int) -> dict:
    figures = {"pages_per_language": pages, "rounds": rounds}
    for name in names:
        figures[name] = {key: statistics.median(r[name][key] for r in rounds) for key in ("wall_s", "cpu_s", "maxrss_mb")}
        figures[name]["maxrss_max_mb"] = max(r[name]["maxrss_mb"] for r in rounds)
    for name in names[1:]:
        for key in ("wall_s", "cpu_s", "maxrss_mb"):
            figures[f"ours_per_{name}_{key}"] = statistics.median(r["ours"][key] / r[name][key] for r in rounds)
    loads = [r[name][when] for r in rounds for name in names for when in ("load_before", "load_after")]
    figures["load"] = {"min": min(loads), "median": statistics.median(loads), "max": max(loads)}
    return figures


def measure_preview(args, results: dict, save=lambda: None) -> None:
    """Save → page in the preview (bench/preview.py) and the full build of the
    same site, at the real size and at --preview-sizes: as `make serve` runs
    it, and with plain `mkdocs serve` (every save rebuilds everything, as
    before 1 December) for comparison; the plain rows reuse the full build."""
    entry = results["preview"] = {"date": datetime.date.today().isoformat(),
                                  "config_fingerprint": results["machine"]["config_fingerprint"],
                                  "command": " ".join(["bench/run.py", *sys.argv[1:]])}
    for size in [None, *args.preview_sizes]:
        key = "real" if size is None else str(size)
        log(f"preview: {key}")
        made = entry[key] = preview.measure(size, args.preview_saves, args.reps, seed=args.seed)
        save()
        log(f"preview: {key} with plain mkdocs serve")
        plain = entry[f"{key}-plain"] = preview.measure(size, args.preview_saves, 0, plain=True, seed=args.seed)
        plain.update(full_build_s=made["full_build_s"], ratio=plain["median_s"] / made["full_build_s"])
        save()


# --- Machine and report -------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    def version(name: str) -> str:
        try:
            return package_version(name)
        except PackageNotFoundError:
            return "not installed"

    import hashlib
    fingerprint = hashlib.sha256()
    for path in [ROOT / "mkdocs.yml", ROOT / "mkdocs-offline.yml", *sorted((ROOT / "hooks").rglob("*.py")),
                 *sorted((ROOT / "overrides").rglob("*.html"))]:
        fingerprint.update(path.read_bytes())
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        chromium = "missing"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("node") else "missing"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"), "static_i18n": version("mkdocs-static-i18n"),
            "markdown": version("Markdown"), "chromium": chromium, "node": node,
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "config_fingerprint": fingerprint.hexdigest()[:12],
            "hooks": [Path(h).name for h in hooks_overhead.real_hooks()],
            "reconfigure_search": hooks_overhead.site_yaml()["plugins"]["i18n"].get("reconfigure_search")}


def keep_as_before(earlier: dict, results: dict, label: str) -> None:
    """The search figures of an earlier results file, per size, as results["sizes"][n]["before"]."""
    for n, entry in earlier.get("sizes", {}).items():
        figures = {key: entry[key] for key in ("browser", "offline_search") if key in entry}
        if figures and n in results.get("sizes", {}):
            results["sizes"][n]["before"] = {"label": label, "date": entry.get("date"), **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description="NMT handbook benchmarks (see the module docstring).")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 2000], help="pages per language")
    parser.add_argument("--reps", type=int, default=3, help="builds per size (median)")
    parser.add_argument("--browser-sizes", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--stock-sizes", type=int, nargs="*", default=[100, 500])
    parser.add_argument("--ideas-size", type=int, default=500)
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--large-variants", nargs="*", default=[],
                        help="variants also built at sizes above --ideas-size")
    parser.add_argument("--variant-reps", type=int, default=2,
                        help="builds per variant (median), each followed by a build of the unchanged site")
    parser.add_argument("--profile-size", type=int, default=500)
    parser.add_argument("--real-runs", type=int, default=3)
    parser.add_argument("--lh-runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=180, help="seconds to wait for search results")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--longtask-runs", type=int, default=5, help="fresh tabs per long-task figure (median)")
    parser.add_argument("--preview-sizes", type=int, nargs="*", default=[500])
    parser.add_argument("--preview-saves", type=int, default=7, help="counted saves per preview figure (median)")
    parser.add_argument("--cost-reps", type=int, default=5, help="rounds of `--only cost` (median)")
    parser.add_argument("--cost-baseline", help="`--only cost`: also build with the hooks of this git revision")
    parser.add_argument("--only", choices=["sizes", "real", "variants", "browser", "offline-search", "preview",
                                           "cost"],
                        help="measure only this part; `variants` builds --variants on the sites already "
                             "generated in .bench/ for --sizes")
    parser.add_argument("--before", type=Path, help="a results.json from an earlier commit: its search figures "
                        "are reported beside these as 'before'")
    parser.add_argument("--before-label", default="before", help="what the --before figures are")
    parser.add_argument("--skip-offline", action="store_true")
    parser.add_argument("--skip-ideas", action="store_true")
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--results", type=Path, default=BENCH / "results.json")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite --out from --results")
    parser.add_argument("--refresh-metrics", action="store_true",
                        help="recompute the size metrics of the sites already built in .bench/ (no builds)")
    args = parser.parse_args()

    BENCH.mkdir(exist_ok=True)
    results = json.loads(args.results.read_text("utf-8")) if args.results.exists() else {}
    if args.refresh_metrics:
        for n in args.sizes:
            entry = results.get("sizes", {}).get(str(n))
            site_dir = BENCH / f"site-{n}"
            if entry and (site_dir / "site").exists():
                entry["site"] = site_metrics(site_dir / "site")
            if entry and entry.get("stock") and (site_dir / "site-stock").exists():
                entry["stock"].update(site_metrics(site_dir / "site-stock"))
        real = results.get("real")
        if real and (BENCH / "real" / "site").exists():
            real["ours"].update(site_metrics(BENCH / "real" / "site"))
            real["stock"].update(site_metrics(BENCH / "real" / "site-stock"))
        args.results.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    elif not args.report_only:
        results["machine"] = machine()
        if args.only is None:  # a full run replaces every figure: earlier commands no longer apply
            results["commands"] = []
        results.setdefault("commands", []).append(" ".join(["bench/run.py", *sys.argv[1:]]))

        def save():
            args.results.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")

        if args.only == "variants":
            for n in args.sizes:
                site_dir = BENCH / f"site-{n}"
                if not (site_dir / "mkdocs.yml").exists():
                    raise SystemExit(f"{site_dir} is missing: run bench/run.py --sizes {n} first")
                for name in args.variants:
                    log(f"N={n}: variant {name} ({args.variant_reps}×, alternating with the generated config)")
                    figures = build_variant(site_dir, name, args.variant_reps)
                    if n == args.ideas_size:
                        results.setdefault("ideas", {"size": n}).setdefault("variants", {})[name] = figures
                    else:
                        results["sizes"][str(n)].setdefault("variants", {})[name] = figures
                    save()
            save()
        elif args.only == "browser":
            for n in args.sizes:
                site_dir, entry = BENCH / f"site-{n}", results["sizes"][str(n)]
                log(f"N={n}: search in Chromium (sites already built)")
                entry["browser"] = browser_figures(site_dir, {"file": site_dir / "site-offline",
                                                              "http": site_dir / "site"}, args.timeout * 1000)
                if entry.get("stock") and (site_dir / "site-stock").exists():
                    entry["stock"]["browser"] = browser_figures(site_dir, {"http": site_dir / "site-stock"},
                                                                args.timeout * 1000)
                save()
        elif args.only == "offline-search":
            # The smaller entry point: per size one generated site, one offline
            # build, then the long-task figures (no online builds, no stock set-up).
            for n in args.sizes:
                site_dir = BENCH / f"site-{n}"
                log(f"N={n}: generating {site_dir}")
                facts = generate.generate(n, site_dir, args.seed)
                entry = results.setdefault("sizes", {}).setdefault(str(n), {})
                log(f"N={n}: offline build")
                offline = run_build(site_dir / "mkdocs-offline.yml", site_dir / "site-offline")
                entry["offline_search"] = {"generated": facts, "offline_wall_s": offline["wall_s"],
                                           **offline_search(site_dir, args.timeout * 1000, args.longtask_runs)}
                save()
        elif args.only == "cost":
            measure_cost(args, results, save)
            save()
        elif args.only not in ("real", "preview"):
            for n in args.sizes:
                measure_size(n, args, results)
                save()
        if args.only in (None, "real"):
            measure_real(args, results, save)
            save()
        if args.only in (None, "preview"):
            measure_preview(args, results, save)
            save()
    if args.before:
        keep_as_before(json.loads(args.before.read_text("utf-8")), results, args.before_label)
        args.results.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    import report
    if args.only == "preview":  # only its block: the other figures stay, even without their results file
        report.write_preview(results, args.out, TARGETS)
    elif args.only == "cost":  # likewise
        report.write_cost(results, args.out, TARGETS)
    else:
        report.write(results, args.out, TARGETS, STACK_NOTES)
    log(f"wrote {args.out} (raw figures: {args.results})")


if __name__ == "__main__":
    main()
