"""The outside-link check against a test server on 127.0.0.1: what each answer
means, politeness (one request per host at a time, a pause, robots.txt, our
User-Agent, HEAD before GET) and the rule that a failure counts only when it
is seen again hours later."""
from __future__ import annotations

import datetime


from linkcheck_external import (CONFIRM_AFTER, FAILED, GONE, HOME, MOVED, OK, UNCHECKED, CACHE_VERSION, Hosts,
                                check_links, check_url, confirmed, load_cache, problem, save_cache, waiting)
from links_server import closed_port, links_server  # noqa: F401  (a fixture)

NOW = datetime.datetime(2027, 6, 14, 4, 17, tzinfo=datetime.timezone.utc).timestamp()  # the clock the cache sees
HOUR = 3600


def hosts(pause: float = 0.0) -> Hosts:
    return Hosts(timeout=0.5, pause=pause)


def test_each_answer_means_what_it_should(links_server):
    base, polite = links_server.base, hosts()
    assert check_url(f"{base}/ok", polite) == {"kind": OK, "status": "HTTP 200"}
    assert check_url(f"{base}/old", polite) == {"kind": MOVED, "status": "HTTP 301", "to": f"{base}/new"}
    assert check_url(f"{base}/missing", polite) == {"kind": GONE, "status": "HTTP 404"}
    assert check_url(f"{base}/removed", polite) == {"kind": GONE, "status": "HTTP 410"}
    assert check_url(f"{base}/moved-home", polite) == {"kind": HOME, "status": "HTTP 302", "to": f"{base}/"}
    assert check_url(f"{base}/slow", polite) == {"kind": FAILED, "status": "timeout"}
    assert check_url(f"{base}/private/rapport", polite) == {"kind": UNCHECKED, "status": "robots.txt"}
    assert check_url(f"http://127.0.0.1:{closed_port()}/x", polite) == {
        "kind": FAILED, "status": "robots.txt: no connection"}
    # Hostile addresses, in a page or in a server's Location header: a failed check, never a traceback.
    assert check_url(f"{base}/bad-location", polite) == {"kind": FAILED, "status": "not a valid address"}
    assert check_url("https://[::1/x", polite) == {"kind": FAILED, "status": "not a valid address"}


def test_head_first_and_get_only_when_the_server_refuses_head(links_server):
    base, polite = links_server.base, hosts()
    assert check_url(f"{base}/ok", polite)["kind"] == OK
    assert check_url(f"{base}/head-refused", polite) == {"kind": OK, "status": "HTTP 200"}
    assert check_url(f"{base}/new", polite)["kind"] == OK  # the host refused HEAD: GET from now on
    asked = [(method, path) for method, path, *_ in links_server.requests if path != "/robots.txt"]
    assert asked == [("HEAD", "/ok"), ("HEAD", "/head-refused"), ("GET", "/head-refused"), ("GET", "/new")]


def test_one_request_per_host_at_a_time_with_a_pause_robots_read_once_and_our_user_agent(links_server):
    base = links_server.base
    urls = [f"{base}/{path}" for path in ("ok", "old", "missing", "removed", "moved-home", "private/rapport")]
    check = check_links(urls, {}, NOW, hosts(pause=0.2), workers=8)
    assert not check.offline and check.asked == len(urls)
    assert links_server.most_at_once == 1
    timeline = sorted(links_server.requests, key=lambda request: request[3])
    gaps = [later[3] - earlier[4] for earlier, later in zip(timeline, timeline[1:])]
    assert min(gaps) >= 0.15, gaps
    assert links_server.paths().count("/robots.txt") == 1
    assert "/private/rapport" not in links_server.paths()
    assert all("NMT-handboken" in agent and agent.startswith("NMT-handbok-linkcheck/")
               for _, _, agent, *_ in links_server.requests)


def test_a_failure_counts_only_when_seen_again_hours_later(links_server):
    url = f"{links_server.base}/slow"
    first = check_links([url], {}, NOW, hosts()).links
    assert waiting(first[url]) and problem(url, first[url]) is None

    soon = check_links([url], first, NOW + HOUR, hosts())
    assert soon.asked == 0 and soon.links == first  # too early for the second check: not asked
    assert links_server.paths().count("/slow") == 1

    later = check_links([url], first, NOW + 4 * HOUR, hosts()).links
    assert confirmed(later[url]) and later[url]["first_failed"] == NOW
    assert problem(url, later[url]) == (
        f"the outside link {url} does not work (timeout; seen 2027-06-14 04:17 UTC and 2027-06-14 08:17 UTC) — "
        "open it; if it still fails, find the document's new address")


def test_a_site_that_is_down_for_an_hour_is_not_broken(links_server):
    url = f"{links_server.base}/flaky"
    links_server.flaky_answers[:] = [503, 503]  # HEAD, then GET
    first = check_links([url], {}, NOW, hosts()).links
    assert first[url]["outcome"] == {"kind": FAILED, "status": "HTTP 503"} and waiting(first[url])
    later = check_links([url], first, NOW + CONFIRM_AFTER, hosts()).links
    assert later[url] == {"checked": NOW + CONFIRM_AFTER, "outcome": {"kind": OK, "status": "HTTP 200"},
                          "first_failed": None}


def test_no_answer_at_all_means_no_internet_and_nothing_is_recorded():
    urls = [f"http://127.0.0.1:{closed_port()}/a", f"https://127.0.0.1:{closed_port()}/b"]
    check = check_links(urls, {}, NOW, hosts())
    assert check.offline and check.links == {} and check.asked == 0


def test_the_cache_keeps_results_and_a_damaged_cache_starts_over(tmp_path, links_server):
    path = tmp_path / ".cache" / "linkcheck.json"
    check = check_links([f"{links_server.base}/removed"], {}, NOW, hosts())
    save_cache(path, check.links)
    assert load_cache(path) == check.links
    again = check_links([f"{links_server.base}/removed"], load_cache(path), NOW + HOUR, hosts())
    assert again.asked == 0  # a result from an hour ago is reused
    for damaged in ("{not json", '{"version": 1, "links": {}}', '{"https://x.se": {"status": "ok"}}',
                    f'{{"version": {CACHE_VERSION}, "links": {{"u": {{"checked": "yesterday"}}}}}}'):
        path.write_text(damaged)
        assert load_cache(path) == {}
