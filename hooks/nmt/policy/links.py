"""Which outside addresses a page may link to.

- https only; no user name, spaces, quotes or brackets in the address;
- the host is the one a browser connects to (core/urls.py: b%69t.ly,
  ｂｉｔ.ly, https://nmt.se@bit.ly are all bit.ly), held against the
  deny-list in mkdocs-base.yml (extra.link_policy.deny);
- no tracking parameters (utm_*, fbclid …), no position in a search list;
- an address from a data file (the registers) also has nothing that would
  end the generated link.
checks/links.py applies these rules to every link of a page.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl

from nmt.core.escape import URL_BREAKERS
from nmt.core.findings import one_line
from nmt.core.urls import browser_host, url_scheme
from nmt.core.urls import cleaned as cleaned_url
from nmt.core.urls import read as read_url

TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
                  "_hsenc", "_hsmi", "igshid", "twclid", "li_fat_id", "mkt_tok", "_ga", "_gl"}


def tracking_parameters(query: str) -> list[str]:
    """Tracking parameters in a query (names percent-decoded, as the tracker's server reads them)."""
    return [name for name, _ in parse_qsl(query, keep_blank_values=True)
            if name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES]


def denied(host: str, deny: list[dict]) -> dict | None:
    """The deny-list rule for a host (as urls.read() gives it), or None. The
    rule's host is read the same way, so 'BIT.LY' or 'ｂｉｔ.ly' in
    mkdocs.yml still means bit.ly."""
    for rule in deny:
        blocked = browser_host(str(rule.get("host", "")).strip()) if str(rule.get("host", "")).strip() else None
        blocked = blocked.rstrip(".") if blocked else None
        if blocked and (host == blocked or host.endswith("." + blocked)):
            return rule
    return None


# Query parameters that mark a position in a search list, not a document.
SEARCH_POSITION = {"post_id"}
NOT_IN_AN_ADDRESS = re.compile(r"[\s\"'<>\\`^{}|]")


def check_outside_link(url: str, deny: list[dict]) -> str | None:
    """What is wrong with an outside link, in plain words, or None.

    The address is read as a browser reads it (urls.py): `b%69t.ly`,
    `ｂｉｔ.ly`, `bit。ly`, `BIT.LY.`, `https:\\\\bit.ly` and `https://nmt.se@bit.ly`
    all go to bit.ly, and are judged as bit.ly. Links inside the site and
    schemes html_policy.py refuses (javascript: …) are not this check's business."""
    address, shown = read_url(url), one_line(url)
    if address.scheme is None and address.host is not None:
        return f"'{shown}' has no https: at the start — write the full https:// address"
    if address.scheme == "http":
        return f"'{shown}' uses http — use the https:// address"
    if address.scheme != "https":
        return None
    if not address.valid:
        return f"'{shown}' is not a valid address — copy the address again from the browser"
    host = address.site
    rule = denied(host, deny)
    if rule:
        return f"links to {one_line(host)} are not allowed: {rule.get('reason', 'see extra.link_policy in mkdocs.yml')}"
    if address.credentials:
        return f"'{shown}' contains a user name or password (before '@') — remove it from the link"
    if NOT_IN_AN_ADDRESS.search(cleaned_url(url)):
        return f"'{shown}' contains a space, a quote or a bracket — copy the address again from the browser"
    if "." not in host:
        return f"'{shown}' has no host name — write the full address, e.g. https://www.example.se/page"
    tracking = tracking_parameters(address.query)
    if tracking:
        return f"'{shown}' has tracking parameters ({one_line(', '.join(tracking))}) — remove them from the link"
    positions = [name for name, _ in parse_qsl(address.query) if name.lower() in SEARCH_POSITION]
    if positions:
        return (f"'{shown}' is a position in a search list ({one_line(positions[0])}=…), which points at another "
                "document tomorrow — link to the document's permanent address, e.g. https://data.riksdagen.se/dokument/… "
                "or https://lagen.nu/prop/2024/25:124")
    return None


def check_data_url(url, deny: list[dict]) -> str | None:
    """An address in front matter or a data file: a complete https URL that
    passes the same policy as links in pages."""
    if not isinstance(url, str) or url_scheme(url.strip()) != "https":
        return f"needs an https address (found {url!r})"
    if problem := check_outside_link(url, deny):
        return problem
    # A page's own link may hold balanced ( ) (Markdown reads them); a value the build writes into a
    # generated link may not: '…)[x](https://…' would add a second link.
    if breaker := next((char for char in url.strip() if char in URL_BREAKERS), None):
        return (f"has {breaker!r} in it, which would end the link where the build writes it — write it "
                f"percent-encoded as %{ord(breaker):02X}")
    return None
