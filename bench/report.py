"""BENCHMARKS.md from .bench/results.json (bench/run.py calls write()).

Only the part between the bench:results markers is rewritten; the analysis
written around it by people is kept.
"""
from __future__ import annotations

from pathlib import Path

MARK_START, MARK_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
# The preview block inside them: `bench/run.py --only preview` rewrites just that.
PREVIEW_START, PREVIEW_END = "<!-- bench:preview:start -->", "<!-- bench:preview:end -->"
# Likewise the cost block: `bench/run.py --only cost`.
COST_START, COST_END = "<!-- bench:cost:start -->", "<!-- bench:cost:end -->"


def num(value, digits=1, scale=1.0, unit=""):
    if value is None:
        return "—"
    return f"{value / scale:,.{digits}f}{unit}".replace(",", " ")


def yes(condition) -> str:
    if condition is None:
        return "—"
    return "**yes**" if condition else "**no**"


def get(data, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def targets(results: dict, t: dict) -> list[list[str]]:
    sizes = results.get("sizes", {})
    b500, b2000 = get(sizes, "500", "build", "wall_s"), get(sizes, "2000", "build", "wall_s")
    rows = [["500 pages/language: full build", f"≤ {t['build_500_s']} s", num(b500, 1, unit=" s"),
             yes(b500 <= t["build_500_s"] if b500 else None)]]
    if b500 and b2000:
        rows.append(["2000 pages/language: build time vs 500", f"≤ {t['scale_2000']} ×",
                     f"{b2000 / b500:.2f} × ({b2000:.0f} s)", yes(b2000 / b500 <= t["scale_2000"])])
    ideas = results.get("ideas", {})
    for name in ("fixed", "fixed-nogit"):
        v500 = get(ideas, "variants", name, "wall_s") if str(ideas.get("size")) == "500" else None
        v2000 = get(sizes, "2000", "variants", name, "wall_s")
        if v500:
            rows.append([f"… with variant `{name}` (see Ideas): 500 build", f"≤ {t['build_500_s']} s",
                         num(v500, 1, unit=" s"), yes(v500 <= t["build_500_s"])])
        if v500 and v2000:
            rows.append([f"… with variant `{name}`: 2000 vs 500", f"≤ {t['scale_2000']} ×",
                         f"{v2000 / v500:.2f} × ({v2000:.0f} s)", yes(v2000 / v500 <= t["scale_2000"])])
    for n in sorted(sizes, key=int):
        html = get(sizes, n, "site", "html_avg_bytes")
        rows.append([f"{n} pages/language: HTML per page (average)", f"≤ {t['html_kb']} KB",
                     num(html, 1, 1024, " KB"), yes(html / 1024 <= t["html_kb"] if html else None)])
    for n, limit in (("500", t["search_500_s"]), ("2000", t["search_2000_s"])):
        for mode, label in (("warm_first_s", "index ready, then typing"), ("cold_first_s", "typing at page load")):
            value = get(sizes, n, "browser", "file_sv", mode)
            rows.append([f"{n}/lang, file://, sv: first results ({label})", f"≤ {limit} s", num(value, 2, unit=" s"),
                         yes(value <= limit if value is not None else None)])
    for language in ("sv", "en"):
        ready = get(sizes, "2000", "browser", f"http_{language}", "ready_s")
        heap = get(sizes, "2000", "browser", f"http_{language}", "heap_mb")
        rows.append([f"2000/lang, http, {language}: search ready after navigation", f"≤ {t['online_ready_2000_s']} s",
                     num(ready, 2, unit=" s"), yes(ready <= t["online_ready_2000_s"] if ready is not None else None)])
        rows.append([f"2000/lang, http, {language}: JS heap of the tab and its search worker after a search",
                     f"≤ {t['online_heap_2000_mb']} MB", num(heap, 0, unit=" MB"),
                     yes(heap <= t["online_heap_2000_mb"] if heap is not None else None)])
    for n, limit in (("500", t["offline_first_500_ms"]), ("2000", t["offline_first_2000_ms"])):
        for language in ("sv", "en"):
            variants = get(sizes, n, "offline_search", "variants") or {}
            data = (variants.get("engine") or variants.get("prebuilt") or {}).get(language)
            if not data:
                continue
            rows.append([f"{n}/lang, file://, {language}: longest main-thread task, navigation → first results "
                         f"(typing at page load; worst of {data['runs']} runs)", f"≤ {t['longtask_ms']} ms",
                         num(data["worst_task_ms"], 0, unit=" ms"), yes(data["worst_task_ms"] <= t["longtask_ms"])])
            rows.append([f"{n}/lang, file://, {language}: first results after navigation (typing at page load, "
                         f"median)", f"≤ {limit / 1000:g} s", num(data["first_results_ms"], 2, 1000, " s"),
                         yes(data["first_results_ms"] <= limit)])
    heap = get(sizes, "500", "browser", "file_sv", "heap_mb")
    rows.append(["500/lang, file://: JS heap of the tab after a search", f"≤ {t['heap_500_mb']} MB",
                 num(heap, 0, unit=" MB"), yes(heap <= t["heap_500_mb"] if heap is not None else None)])
    real = results.get("real", {})
    for key, label in (("git", "git dates on"), ("nogit", "git dates off in both")):
        share = get(real, "hooks", key, "hooks_share")
        rows.append([f"Real site: hooks' share of build CPU time ({label})", f"≤ {t['hooks_share'] * 100:.0f} %",
                     num(share, 1, 0.01, " %"), yes(share <= t["hooks_share"] if share is not None else None)])
    handwritten = get(real, "hooks", "git", "share_vs_handwritten")
    rows.append(["Real site: hooks' share against the same pages written by hand (git dates on)",
                 f"≤ {t['hooks_share'] * 100:.0f} %", num(handwritten, 1, 0.01, " %"),
                 yes(handwritten <= t["hooks_share"] if handwritten is not None else None)])
    inside = get(real, "hooks", "git", "inside_share")
    rows.append(["Real site: time inside the hooks' functions, share of build CPU (git dates on)",
                 f"≤ {t['hooks_share'] * 100:.0f} %", num(inside, 1, 0.01, " %"),
                 yes(inside <= t["hooks_share"] if inside is not None else None)])
    home = get(real, "home", "sv")
    if home:
        rows.append(["Real site: home page without search index, uncompressed", f"≤ {t['home_kb']} KB",
                     num(home["bytes"], 0, 1024, " KB"), yes(home["bytes"] / 1024 <= t["home_kb"])])
        rows.append(["Real site: home page without search index, gzip", f"≤ {t['home_kb']} KB",
                     num(home["gzip_bytes"], 0, 1024, " KB"), yes(home["gzip_bytes"] / 1024 <= t["home_kb"])])
    rows += preview_targets(results, t)
    for name, data in (get(real, "lighthouse") or {}).items():
        scores = data["scores"]
        rows.append([f"Lighthouse mobile, {name}: performance", f"≥ {t['lh_performance']}",
                     f"{scores['performance']} (runs {data.get('performance_runs')})",
                     yes(scores["performance"] >= t["lh_performance"])])
        rows.append([f"Lighthouse mobile, {name}: accessibility", f"= {t['lh_accessibility']}",
                     str(scores["accessibility"]), yes(scores["accessibility"] >= t["lh_accessibility"])])
    return rows


def sizes_section(results: dict, stack: dict) -> list[str]:
    sizes = results.get("sizes", {})
    order = sorted(sizes, key=int)
    if not order:
        return []
    out = ["## Synthetic handbook, per size", "",
           "Pages per language = generated pages (section and subsection index pages included) + 5 fixed "
           "pages (home, glossary, three footer pages). Builds are `mkdocs build --strict` with every hook, "
           "as `make build` runs them. Peak RSS is the largest single process (mkdocs, or one of the git "
           "processes it waited for).", ""]

    def row(label, keys, digits=1, scale=1.0, unit=""):
        return [label] + [num(get(sizes, n, *keys), digits, scale, unit) for n in order]

    rows = [
        ["Pages per language"] + [f"{get(sizes, n, 'generated', 'pages_per_language')} + 5" for n in order],
        row("Markdown per page, average", ("generated", "markdown_bytes_avg"), 1, 1024, " KB"),
        row("Full build, wall", ("build", "wall_s"), 1, unit=" s"),
        row("Full build, CPU (user+sys, incl. git)", ("build", "cpu_s"), 1, unit=" s"),
        row("Peak RSS", ("build", "maxrss_mb"), 0, unit=" MB"),
        ["Build runs (wall s)"] + [str(get(sizes, n, "build", "runs")) for n in order],
        row("HTML per page, average", ("site", "html_avg_bytes"), 1, 1024, " KB"),
        row("HTML per page, largest", ("site", "html_max_bytes"), 1, 1024, " KB"),
        row("HTML per page, gzip (sample)", ("site", "html_gzip_avg_bytes"), 1, 1024, " KB"),
        row("HTML per page, indentation removed (sample)", ("site", "html_dedented_avg_bytes"), 1, 1024, " KB"),
        row("… and gzip (sample)", ("site", "html_dedented_gzip_avg_bytes"), 1, 1024, " KB"),
        row("Site size", ("site", "site_bytes"), 1, 1024 * 1024, " MB"),
        row("Files in site", ("site", "files"), 0),
        row("Search index sv", ("site", "index_sv_bytes"), 2, 1024 * 1024, " MB"),
        row("Search index en", ("site", "index_en_bytes"), 2, 1024 * 1024, " MB"),
        row("Search entries sv", ("site", "index_sv_entries"), 0),
        row("Offline build, wall", ("offline", "offline_wall_s"), 1, unit=" s"),
        row("Offline site size", ("offline", "offline_site_bytes"), 1, 1024 * 1024, " MB"),
        row("Offline zip (no PDFs)", ("offline", "zip_bytes"), 1, 1024 * 1024, " MB"),
    ]
    for n in order:
        for name, data in (get(sizes, n, "variants") or {}).items():
            rows.append([f"Variant `{name}` at {n}: build wall"] +
                        [num(data["wall_s"], 1, unit=" s") if m == n else "" for m in order])
    rows.append(["Stack notes, stock: build"] + [num(get(stack, int(n), "build_s"), 1, unit=" s") for n in order])
    rows.append(["Stack notes, prune + no sections: build"] +
                [num(get(stack, int(n), "prune_build_s"), 1, unit=" s") for n in order])
    out += [table(["", *[f"{n}/lang" for n in order]], rows), ""]

    stock_rows = []
    for n in order:
        stock = get(sizes, n, "stock")
        if stock:
            ours = get(sizes, n, "build", "wall_s")
            stock_rows.append([f"{n}/lang", num(stock["wall_s"], 1, unit=" s"), num(ours, 1, unit=" s"),
                               f"{ours / stock['wall_s']:.2f}", num(stock["html_avg_bytes"], 1, 1024, " KB"),
                               num(get(sizes, n, "site", "html_avg_bytes"), 1, 1024, " KB"),
                               num(stock["site_bytes"], 1, 1024 * 1024, " MB"),
                               num(stock.get("index_sv_bytes"), 2, 1024 * 1024, " MB"),
                               num(get(stack, int(n), "build_s"), 1, unit=" s")])
    if stock_rows:
        out += ["### Stock Material set-up on the same docs", "",
                "Stock = `navigation.sections` on, no `navigation.prune`, no hooks, no overrides, one merged "
                "search index (static-i18n's), otherwise the same mkdocs.yml (built without --strict: "
                "`sfs:` links and `[[terms]]` are left unresolved).", "",
                table(["Size", "Stock build", "Our build", "Ours/stock", "Stock HTML/page", "Our HTML/page",
                       "Stock site", "Stock index (both languages)", "Stack notes stock build"], stock_rows), ""]

    search_rows = []
    for n in order:
        before = get(sizes, n, "before") or {}
        for setup, browser in (("ours", get(sizes, n, "browser")), (before.get("label"), before.get("browser")),
                               ("stock", get(sizes, n, "stock", "browser"))):
            for key, data in (browser or {}).items():
                transport, language = key.split("_")
                search_rows.append([f"{n}/lang", setup, "file://" if transport == "file" else "http", language,
                                    num(data["load_s"], 2), num(data["ready_s"], 2), num(data["warm_first_s"], 2),
                                    num(data["warm_second_s"], 2), num(data.get("warm_pasted_s"), 2),
                                    num(data["cold_first_s"], 2),
                                    num(data["cold_from_navigation_s"], 2), str(data["results"]),
                                    num(data["heap_mb"], 0), num(data["heap_page_mb"], 0),
                                    num(data["heap_worker_mb"], 0), num(data["heap_gc_mb"], 0)])
    if search_rows:
        out += ["### Search in Chromium", "",
                "A content page two folders deep; queries typed key by key as tests/searchbox.py does "
                "(sv: *människohandel* then *betänketid*; en: *trafficking* then *interpreter*). "
                "*Ready*: seconds from navigation until Material's search box, focused right after the load "
                "event, says it is ready (its worker has the index). *Warm*: seconds from the first key to the first results once ready "
                "(first and second query). *Pasted*: the first query arriving whole (one keyup), so no one-letter "
                "prefix searches run first. *Cold*: the reader types as soon as the page's load event fired: "
                "seconds from the first key, and from navigation. Heap: JS heap used by the tab after the "
                "searches — page (with the offline search iframe) + dedicated search worker (CDP "
                "`Performance.getMetrics` JSHeapUsedSize + worker `Runtime.getHeapUsage`); *after GC* forces "
                "a collection first. file:// opens the offline build, http the online build served by "
                "Python's http.server on 127.0.0.1.", "",
                table(["Size", "Set-up", "Via", "Lang", "Load s", "Ready s", "Warm 1st s", "Warm 2nd s", "Pasted s",
                       "Cold s (from key)", "Cold s (from nav)", "Results", "Heap MB", "Page MB", "Worker MB",
                       "Heap after GC MB"], search_rows), ""]
    return out + offline_search_section(results)


OFFLINE_VARIANTS = {  # results' variant names, newest first: what each measured
    "engine": "search engine (issue 24)",
    "prebuilt": "prebuilt lunr index (1 Dec.)",
    "in-browser": "lunr built in the browser (before 1 Dec.)",
}


def offline_search_section(results: dict) -> list[str]:
    sizes = results.get("sizes", {})
    rows, cost = [], []
    for n in sorted(sizes, key=int):
        variants = {**(get(sizes, n, "before", "offline_search", "variants") or {}),
                    **(get(sizes, n, "offline_search", "variants") or {})}
        for name, label in OFFLINE_VARIANTS.items():
            if name not in variants:
                continue
            variant = variants[name]
            for language in ("sv", "en"):
                f = variant[language]
                rows.append([f"{n}/lang", label, language, num(f["load_ms"], 0), num(f["first_key_ms"], 0),
                             num(f["first_results_ms"], 0), num(f["from_key_ms"], 0),
                             str(f["first_results_runs_ms"]), num(f["longest_task_ms"], 0),
                             num(f["worst_task_ms"], 0), num(f["long_tasks"], 0), num(f["blocking_ms"], 0)])
            cost.append([f"{n}/lang", label, num(variant["site_bytes"], 1, 1e6, " MB"),
                         num(variant.get("zip_bytes"), 1, 1e6, " MB"), num(variant["search_bytes"], 1, 1e6, " MB")])
    if not rows:
        return []
    return ["### Offline search: long tasks (file://)", "",
            "The reader clicks the search box as soon as the page's load event fired and types the first query "
            "key by key (as tests/searchbox.py does); a fresh tab each run. A PerformanceObserver for `longtask` "
            "(buffered, installed before the page's scripts) collects every task over 50 ms on the page's "
            "thread, where offline the search iframe runs too, that started between navigation and the first "
            "result on screen. Times are ms since navigation, medians of the runs (*worst*: the longest task of "
            "any run). *Search engine*: the offline copy as built (hooks/nmt/search/prebuilt.py, "
            "workers/search-engine.js). Earlier set-ups as measured then: *prebuilt lunr index*, lunr's index "
            "made at build time (1 December to issue 24); *lunr built in the browser*, before that.", "",
            table(["Size", "Index", "Lang", "Load", "First key", "First results", "… from first key",
                   "First results, each run", "Longest task", "Worst task", "Long tasks", "Blocking (> 50 ms)"], rows),
            "", "Size of the offline copy (*search files*: search_index.json/.js and the index parts, both "
            "languages; the zips without PDFs):", "",
            table(["Size", "Index", "Offline copy", "Zip", "Search files"], cost), ""]


def ideas_section(results: dict) -> list[str]:
    ideas = results.get("ideas")
    if not ideas:
        return []
    n = str(ideas["size"])
    base = get(results, "sizes", n, "build")
    base_html = get(results, "sizes", n, "site", "html_avg_bytes")
    out = [f"## Ideas measured at {n} pages per language", "",
           "Each variant is a configuration beside the generated mkdocs.yml (INHERIT) or a patched copy of "
           "the hooks in the generated site; the real repository is untouched. Each variant's builds alternate "
           "with builds of the generated configuration, and *vs ours* divides the two medians (this VM's "
           "speed drifts by 10-20 % over minutes).", ""]
    rows = [["`ours` (as mkdocs.yml)", "—", num(base["wall_s"], 1, unit=" s"), str(base.get("runs")),
             num(base["cpu_s"], 1, unit=" s"), num(base["maxrss_mb"], 0, unit=" MB"), num(base_html, 1, 1024, " KB"),
             "1.00"]]
    for name, data in ideas.get("variants", {}).items():
        ratio = data.get("ratio") or data["wall_s"] / base["wall_s"]
        baseline = (f"{num(data['baseline_wall_s'], 1, unit=' s')} {data['baseline_runs']}"
                    if "baseline_wall_s" in data else "—")
        rows.append([f"`{name}`", data["description"], num(data["wall_s"], 1, unit=" s"), str(data.get("runs", "")),
                     baseline, num(data["cpu_s"], 1, unit=" s"), num(data["maxrss_mb"], 0, unit=" MB"),
                     num(data["html_avg_bytes"], 1, 1024, " KB"), f"{ratio:.2f}"])
    rows[0].insert(4, "—")
    out += [table(["Variant", "What differs", "Build wall (median)", "Runs (wall s)",
                   "`ours` built in between (median, runs)", "CPU", "Peak RSS", "HTML/page", "vs ours"], rows), ""]
    index = ideas.get("index")
    if index:
        fields = ", ".join(f"{key} {value / 1024:.0f} KB" for key, value in index["field_bytes"].items())
        out += ["### What the Swedish search index holds", "",
                f"- {index['entries']} entries: {index['page_entries']} pages + {index['section_entries']} "
                f"sections (one per heading); {index['bytes'] / 1024:.0f} KB in all, of which the words and "
                f"where they are ({index['words']} words): {index['words_part_bytes'] / 1024:.0f} KB.",
                f"- The entries to show, by field (JSON-encoded): {fields}.",
                f"- HTML markup inside `text`: {index['html_markup_bytes_in_text'] / 1024:.0f} KB; page entries' "
                f"own text: {index['page_entry_text_bytes'] / 1024:.0f} KB.",
                f"- Config: `{index['config']}`.", ""]
    return out


def profile_section(results: dict, profile: dict | None = None, title: str | None = None) -> list[str]:
    profile = profile or results.get("profile")
    if not profile:
        return []
    total = profile["total_s"]
    out = [title or f"## Profile of the {profile['size']}/lang build (cProfile)", "",
           f"Under cProfile the build took {profile['profiled_wall_s']:.0f} s (profiling slows pure-Python code "
           "more than waiting, so shares are indicative). Cumulative time per component (they overlap where "
           "noted):", ""]
    rows = [[name, num(value, 1, unit=" s"), num(value / total * 100, 0, unit=" %")]
            for name, value in profile["components"].items()]
    out += [table(["Component", "Cumulative", "Share"], rows), "",
            "Our hooks by file (cumulative time of their event functions):", "",
            table(["Hook", "Cumulative"], [[name, num(value, 2, unit=" s")] for name, value in profile["hooks"].items()]),
            "", "Top functions by own time:", "",
            table(["Function", "Own time", "Cumulative", "Calls"],
                  [[f"`{row['function']}`", num(row["tottime_s"], 2, unit=" s"), num(row["cumtime_s"], 2, unit=" s"),
                    str(row["calls"])] for row in profile["top_tottime"]]), ""]
    return out


def real_section(results: dict) -> list[str]:
    real = results.get("real")
    if not real:
        return []
    out = ["## The real site", ""]
    rows = []
    for key, label in (("git", "git dates on (as configured)"), ("nogit", "git dates off in both variants")):
        hooks = get(real, "hooks", key)
        if hooks:
            rows.append([label, num(hooks["with_hooks_s"], 2, unit=" s"), num(hooks["without_hooks_s"], 2, unit=" s"),
                         f"{hooks['ratio']:.3f}", num(hooks["hooks_share"], 1, 0.01, " %"),
                         num(hooks.get("handwritten_s"), 2, unit=" s"), num(hooks.get("share_vs_handwritten"), 1, 0.01, " %"),
                         num(hooks.get("inside_hooks_s"), 2, unit=" s"), num(hooks.get("inside_share"), 1, 0.01, " %"),
                         ", ".join(f"{v:.2f}" for v in hooks["with_hooks_all"]) + " / " +
                         ", ".join(f"{v:.2f}" for v in hooks["without_hooks_all"])])
    out += ["### Hooks (bench/hooks_overhead.py: build CPU time, median)", "",
            table(["Variant", "With hooks", "Without", "Ratio", "Hooks' share", "Hand-written, no hooks", "… share",
                   "Inside hooks' functions", "… share", "Runs (with / without)"], rows), "",
            "*Hooks' share* = 1 − without / with: it includes rendering what the hooks add to the pages (the "
            "generated glossary list, term and statute links), which the build without hooks leaves out. "
            "*Inside hooks' functions*: time spent in the hooks' event functions themselves (NMT_HOOK_TIMING=1), "
            "i.e. the checks and rewrites. *Hand-written, no hooks*: the pages as the hooks leave them "
            "(bench/dump_markdown.py) built without hooks, as if editors had written the glossary list and the "
            "links out by hand; its share is the hooks' real cost.", ""]
    ours, stock = real.get("ours"), real.get("stock")
    if ours and stock:
        out += ["### Ours vs stock Material (same docs)", "",
                table(["", "Build wall", "Build CPU", "Peak RSS", "Pages", "HTML/page", "Site", "Index sv", "Index en"], [
                    [name, num(d["wall_s"], 2, unit=" s"), num(d["cpu_s"], 2, unit=" s"), num(d["maxrss_mb"], 0, unit=" MB"),
                     str(d["pages"]), num(d["html_avg_bytes"], 1, 1024, " KB"), num(d["site_bytes"], 1, 1024 * 1024, " MB"),
                     num(d.get("index_sv_bytes"), 0, 1024, " KB"), num(d.get("index_en_bytes"), 0, 1024, " KB")]
                    for name, d in (("ours", ours), ("stock", stock))]),
                "", f"Ratio ours/stock: wall {real['stock_ratio_wall']:.2f}, CPU {real['stock_ratio_cpu']:.2f}. "
                "(Stock has no per-language index: its one index holds both languages.)", ""]
    if real.get("profile"):
        hooks_total = sum(real["profile"]["hooks"].values())
        out += profile_section(results, real["profile"], "### Profile of the real build (cProfile, as configured)")
        out += [f"Hooks' event functions: {hooks_total:.2f} s of {real['profile']['total_s']:.2f} s profiled "
                f"({hooks_total / real['profile']['total_s'] * 100:.0f} %).", ""]
    if real.get("offline"):
        out += [f"Offline copy of the real site (no PDFs): build {real['offline']['wall_s']:.1f} s, zip "
                f"{real['offline']['zip_bytes'] / 1024 / 1024:.1f} MB.", ""]
    home = real.get("home")
    if home:
        rows = [[name, str(d["requests"]), num(d["bytes"], 1, 1024, " KB"), num(d["gzip_bytes"], 1, 1024, " KB"),
                 num(d["index_bytes"], 0, 1024, " KB"), num(d["index_gzip_bytes"], 0, 1024, " KB")]
                for name, d in home.items()]
        out += ["### Page weight of a first visit (Playwright, Python http.server)", "",
                "Sum of response bodies of everything the page loads (HTML, CSS, JS, the search worker and its "
                "lunr scripts, images), without search_index.json; gzip = each text response compressed at "
                "level 5 when ≥ 256 bytes, as hosting/nginx.conf does.", "",
                table(["Page", "Requests", "Uncompressed", "gzip", "search_index.json", "… gzip"], rows), "",
                "Largest items on the home page (name, bytes, gzip bytes): " +
                "; ".join(f"{name} {size / 1024:.1f}/{packed / 1024:.1f} KB" for name, size, packed in home["sv"]["items"][:8]),
                ""]
    lighthouse = real.get("lighthouse")
    if lighthouse:
        rows = []
        for name, d in lighthouse.items():
            s = d["scores"]
            rows.append([name, str(s["performance"]), str(d.get("performance_runs")), str(s["accessibility"]),
                         str(s["best-practices"]), str(s["seo"]), num(d["fcp_ms"], 0), num(d["lcp_ms"], 0),
                         num(d["tbt_ms"], 0), num(d["cls"], 3), num(d["transfer_bytes"], 0, 1024, " KB"),
                         num(d["transfer_without_index_bytes"], 0, 1024, " KB"),
                         ", ".join(d["failed_accessibility"]) or "none"])
        version = next(iter(lighthouse.values())).get("lighthouse")
        out += [f"### Lighthouse {version}, mobile (default simulated throttling), nginx with hosting/nginx.conf", "",
                "Median run of the performance score (all runs listed). Transfer sizes are Lighthouse's "
                "total-byte-weight (gzip as served by nginx), with and without the search index.", "",
                table(["Page", "Performance", "Runs", "Accessibility", "Best practices", "SEO", "FCP ms", "LCP ms",
                       "TBT ms", "CLS", "Transferred", "… without index", "Failed a11y audits"], rows), ""]
    return out


PREVIEW_SITES = (("real", "Real site", "preview_real_s"), ("real-plain", "Real site, plain `mkdocs serve`", None),
                 ("500", "500/lang", "preview_500_s"), ("500-plain", "500/lang, plain `mkdocs serve`", None))


def preview_targets(results: dict, t: dict) -> list[list[str]]:
    rows = []
    for key, label, limit in PREVIEW_SITES:
        median = get(results, "preview", key, "median_s")
        if limit and median is not None:
            rows.append([f"{label}: preview, save → page shows it (median)", f"≤ {t[limit]:g} s",
                         num(median, 2, unit=" s"), yes(median <= t[limit])])
    return rows


def preview_section(results: dict, t: dict) -> list[str]:
    data = results.get("preview")
    if not data:
        return []
    rows, phases = [], []
    for key, label, limit in PREVIEW_SITES:
        f = data.get(key)
        if not f:
            continue
        rows.append([f"{label} ({f['pages_per_language']} pages/lang)", f"`{f['page']}`", num(f["median_s"], 2, unit=" s"),
                     f"{f['min_s']:.2f}–{f['max_s']:.2f} s", ", ".join(f"{s:.2f}" for s in f["runs_s"]),
                     num(f.get("full_build_s"), 2, unit=" s"), num(f.get("ratio"), 2, unit=" ×"),
                     f"≤ {t[limit]:g} s" if limit else "—", yes(f["median_s"] <= t[limit]) if limit else "—",
                     str(f["findings_per_save"]), f"{f.get('load_before', 0):.1f} / {f.get('load_after', 0):.1f}"])
        p = f.get("phases", {})
        phases.append([label] + [num(p.get(name), 2, unit=" s") for name in
                                 ("detect_s", "start_s", "default_language_s", "other_language_s", "reload_s")])
    return [PREVIEW_START, "", "## Preview (mkdocs serve)", "",
            f"Measured {data['date']} (`{data['command']}`; mkdocs.yml + hooks + overrides sha256 "
            f"{data['config_fingerprint']}). bench/preview.py runs `mkdocs serve` as `make serve` does, on a copy "
            "of the site in a temporary folder, with the page open in headless Chromium. Each save appends a new "
            "word to the first paragraph of the page; the time runs from the write until the live-reloaded page "
            "shows the word. Median of the saves after a first, uncounted one. *Full build*: `mkdocs build "
            "--strict` of the same copy, median; *preview / full*: the median save against it. *Findings*: "
            "warnings and errors the serve log shows per save. *Load*: the machine's 1-minute load average "
            "before and after (2 cores; the benchmark itself keeps about one busy, so well above 1 means other work slowed the figures). *Plain `mkdocs serve`*: without "
            "`make serve`'s `--dirty`, so every save rebuilds the whole site, as `make serve` did before 1 December "
            "(the row before the change; its full build is the same site's).", "",
            table(["Site", "Page edited", "Save → page (median)", "Min–max", "Each save", "Full build",
                   "Preview / full", "Target", "Holds", "Findings", "Load before / after"], rows), "",
            "Where a save's time goes (medians, from the serve log's timestamps): *detect*, the write until MkDocs' "
            "watcher notices it (it polls every 0.1 s, also in plain `mkdocs serve`: hooks/nmt/preview/reuse.py replaces MkDocs' 0.5 s watcher); *start*, its 0.1 s wait for more changes and "
            "loading the configuration; *sv*, static-i18n's Swedish build until it starts English (in the "
            "Swedish on_post_build); *en*, the English build nested there, then the whole-site steps that run "
            "after it (glossary summary, review.json, search split, output checks), until MkDocs tells the browser; "
            "*reload*, until the reloaded page shows the word.", "",
            table(["Site", "Detect", "Start", "sv", "en", "Reload"], phases), "", PREVIEW_END]


def write_preview(results: dict, out: Path, t: dict) -> None:
    """Rewrite only the preview block (or add it before the end marker)."""
    text, block = out.read_text("utf-8"), "\n".join(preview_section(results, t))
    if PREVIEW_START in text:
        before, rest = text.split(PREVIEW_START, 1)
        text = before + block + rest.split(PREVIEW_END, 1)[1]
    else:
        text = text.replace(MARK_END, block + "\n\n" + MARK_END, 1)
    out.write_text(text, "utf-8")


def cost_targets(data: dict, t: dict) -> list[list[str]]:
    rows = []
    for n, f in sorted(data["sizes"].items(), key=lambda item: int(item[0])):
        if "stock" in f:
            wall, rss = f["ours_per_stock_wall_s"], f["ours"]["maxrss_mb"] / f["stock"]["maxrss_mb"]
            rows.append([f"{n}/lang: build wall time, ours / stock (median of the rounds' ratios)",
                         f"≤ {t['cost_wall_vs_stock']:g} ×", f"{wall:.2f} ×", yes(wall <= t["cost_wall_vs_stock"])])
            rows.append([f"{n}/lang: peak RSS, ours / stock (medians)", f"≤ {t['cost_rss_vs_stock']:g} ×",
                         f"{rss:.2f} × ({f['ours']['maxrss_mb']:.0f} / {f['stock']['maxrss_mb']:.0f} MB)",
                         yes(rss <= t["cost_rss_vs_stock"])])
        if n == "2000":
            peak = f["ours"]["maxrss_max_mb"]
            rows.append([f"{n}/lang: peak RSS (largest of the rounds)", f"≤ {t['cost_rss_2000_mb']} MB",
                         f"{peak:.0f} MB", yes(peak <= t["cost_rss_2000_mb"])])
    return rows


def cost_section(results: dict, t: dict) -> list[str]:
    data = results.get("cost")
    if not data:
        return []
    rows = []
    for n, f in sorted(data["sizes"].items(), key=lambda item: int(item[0])):
        for name in ("ours", "stock", "baseline"):
            if name not in f:
                continue
            ratio = "—" if name == "ours" else " / ".join(
                f"{f[f'ours_per_{name}_{key}']:.2f}" for key in ("wall_s", "cpu_s", "maxrss_mb"))
            rows.append([f"{n}/lang ({f['pages_per_language']} + 5 pages)", SETUPS[name].format(**f),
                         num(f[name]["wall_s"], 1, unit=" s"), num(f[name]["cpu_s"], 1, unit=" s"),
                         f"{f[name]['maxrss_mb']:.0f} / {f[name]['maxrss_max_mb']:.0f} MB", ratio,
                         ", ".join(f"{r[name]['wall_s']:.1f}" for r in f["rounds"]),
                         f"{f['load']['min']:.1f} / {f['load']['median']:.1f} / {f['load']['max']:.1f}"])
    runs = dict.fromkeys((f["date"], f["command"], f["config_fingerprint"]) for f in data["sizes"].values())
    measured = "; ".join(f"{date}: `{command}` (mkdocs.yml + hooks + overrides sha256 {fingerprint})"
                         for date, command, fingerprint in runs)
    return [COST_START, "", "## Cost of the build beside stock Material", "",
            f"Measured {measured}. The generated handbook of each size is built with our configuration "
            "(`mkdocs build --strict`, every hook) and with the stock set-up of *Stock Material set-up on the "
            "same docs* above, one after the other in each round, the order swapped every round, so both see the "
            "same machine; *baseline* is the same build with the hooks of an earlier revision. *Ours / set-up*: "
            "the median of the rounds' ratios (wall / CPU / peak RSS). Peak RSS is the largest process's; "
            "*Load*: the 1-minute load average around the builds (min / median / max; 2 cores, shared with "
            "other sessions: well above 2 means the builds waited for the CPU, so wall times grow and CPU "
            "times somewhat too).", "",
            table(["Target", "Limit", "Measured", "Holds"], cost_targets(data, t)), "",
            table(["Size", "Set-up", "Wall (median)", "CPU (median)", "Peak RSS (median / largest)",
                   "Ours / set-up: wall / CPU / RSS", "Each round, wall s", "Load"], rows), "", COST_END]


SETUPS = {"ours": "ours", "stock": "stock", "baseline": "ours with the hooks of {baseline_revision} (before)"}


def write_cost(results: dict, out: Path, t: dict) -> None:
    """Rewrite only the cost block (or add it before the end marker)."""
    text, block = out.read_text("utf-8"), "\n".join(cost_section(results, t))
    if COST_START in text:
        before, rest = text.split(COST_START, 1)
        text = before + block + rest.split(COST_END, 1)[1]
    else:
        text = text.replace(MARK_END, block + "\n\n" + MARK_END, 1)
    out.write_text(text, "utf-8")


def write(results: dict, out: Path, t: dict, stack: dict) -> None:
    m = results.get("machine", {})
    body = [MARK_START, "",
            "<!-- Everything between these markers is written by bench/run.py; edit the text outside them. -->", "",
            "## Machine", "",
            table(["", ""], [["CPU", f"{m.get('cpu')} ({m.get('cores')} cores)"], ["RAM", f"{m.get('ram_gib')} GiB"],
                             ["Python", m.get("python")], ["MkDocs", m.get("mkdocs")],
                             ["Material", m.get("material")], ["mkdocs-static-i18n", m.get("static_i18n")],
                             ["Markdown", m.get("markdown")],
                             ["Chromium", m.get("chromium")], ["Node", m.get("node")], ["Measured", m.get("date")],
                             ["Configuration measured", f"mkdocs.yml + hooks + overrides sha256 "
                              f"{m.get('config_fingerprint')}; i18n reconfigure_search: {m.get('reconfigure_search')}; "
                              f"hooks: {', '.join(m.get('hooks') or [])}"]]),
            "", "Commands that produced these figures: " + "; ".join(f"`{c}`" for c in results.get("commands", [])) + ".",
            "", "## Targets", "",
            table(["Target", "Limit", "Measured", "Holds"], targets(results, t)), ""]
    body += sizes_section(results, stack) + ideas_section(results) + profile_section(results) + real_section(results)
    body += preview_section(results, t)
    body += cost_section(results, t)
    body.append(MARK_END)
    generated = "\n".join(body)
    if out.exists() and MARK_START in out.read_text("utf-8"):
        text = out.read_text("utf-8")
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1] if MARK_END in rest else ""
        out.write_text(before + generated + after, "utf-8")
    else:
        out.write_text("# Benchmarks\n\n`make bench` (bench/run.py) writes the figures below; the analysis after "
                       "them is written by hand.\n\n" + generated + "\n\n## Analysis\n\n(to be written)\n", "utf-8")
