"""What a browser makes of an address: the one URL reader of the build.

Every check that asks "which scheme?", "another host?" or "which host?"
(policy/html.py's allow-list, policy/links.py's https, deny-list, tracking
and language rules) reads the address here, the way the WHATWG URL Standard
(https://url.spec.whatwg.org/) tells browsers to:

- Tabs and newlines anywhere are dropped, control characters and spaces at
  either end are stripped (`java\tscript:`, ` https://x`).
- For http(s) any run of / and \\ after the scheme is skipped
  (`https:\\\\bit.ly`, `https:/bit.ly`, `https:bit.ly`); a relative
  address that starts with two of them is another host (`//x`, `/\\x`).
- The host is what follows the last @ (`https://nmt.se@bit.ly` goes to bit.ly).
- The host is percent-decoded (`b%69t.ly`), then mapped by UTS #46 (IDNA
  compatibility processing): letters lower-cased, full-width and other
  compatibility forms folded (`ｂｉｔ.ly`, `ⓑit.ly`), ideographic full stops
  made dots (`bit。ly`), ignored characters dropped (soft hyphen); then
  Unicode labels become xn-- labels. A host that ends in a number is an IPv4
  address (`0x7f.1` is 127.0.0.1).
- A host the browser would refuse makes the address invalid.

The mapping tables come from the `idna` package (pinned in requirements.txt),
which carries Unicode's IDNA mapping data; Python's encodings.idna is IDNA
2003 and maps differently. Hand-written here is only the small part of the
URL Standard's parser that finds the host: no Python library parses URLs the
way browsers do (urllib.parse keeps `\\`, `%69` and `ｂ` as written).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import idna
from idna.core import check_bidi, valid_contextj

SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
NOISE = str.maketrans("", "", "\t\n\r")                  # browsers drop these anywhere in a URL
EDGES = "".join(map(chr, range(0x21)))                    # … and C0 controls and spaces at its ends
SPECIAL = {"http", "https", "ws", "wss", "ftp"}           # special schemes with a host ("file" is refused elsewhere)
SLASHES = "/\\"
# The URL Standard's forbidden domain code points: forbidden host code points, C0 controls, % and DELETE.
FORBIDDEN_IN_DOMAIN = frozenset("\x00\t\n\r #/:<>?@[\\]^|%\x7f") | frozenset(map(chr, range(0x20)))


@dataclass(frozen=True)
class Address:
    scheme: str | None       # lower-case, None for a relative address
    host: str | None         # as the browser connects to it (ASCII, lower-case); None when there is none
    valid: bool = True       # False when a browser would refuse the address (or its host)
    credentials: bool = False
    query: str = ""

    @property
    def site(self) -> str | None:
        """The host for comparisons: example.com and example.com. are one site."""
        return self.host.rstrip(".") if self.host else self.host

    @property
    def outside(self) -> bool:
        """Whether following it leaves the page's own site (another host or another scheme)."""
        return self.scheme is not None or self.host is not None


def cleaned(url: str) -> str:
    """The address as the browser reads it before parsing."""
    return url.strip(EDGES).translate(NOISE)


def url_scheme(url: str) -> str | None:
    """The scheme as a browser reads it (case, tabs and newlines ignored), or None."""
    match = SCHEME.match(cleaned(url))
    return match.group(1).lower() if match else None


def read(url: str) -> Address:
    """Scheme, host, credentials and query of an address, as a browser reads them."""
    text = cleaned(url)
    match = SCHEME.match(text)
    if match is None:
        if len(text) >= 2 and text[0] in SLASHES and text[1] in SLASHES:   # //host, \\host, /\host …
            return _with_authority(None, text.lstrip(SLASHES))
        return Address(None, None, query=_query(text))
    scheme, rest = match.group(1).lower(), text[match.end():]
    if scheme not in SPECIAL:
        return Address(scheme, None, query=_query(rest))
    return _with_authority(scheme, rest.lstrip(SLASHES))


def _with_authority(scheme: str | None, rest: str) -> Address:
    """The host (after the last @, before the port) of what follows the slashes."""
    end = len(rest)
    for stop in "/\\?#":
        found = rest.find(stop)
        if 0 <= found < end:
            end = found
    authority, after = rest[:end], rest[end:]
    credentials = "@" in authority
    host_and_port = authority.rpartition("@")[2]
    host = _without_port(host_and_port)
    parsed = browser_host(host) if host else None
    return Address(scheme, parsed if parsed else (host or None), valid=parsed is not None,
                   credentials=credentials, query=_query(after))


def _without_port(host_and_port: str) -> str:
    if host_and_port.startswith("["):
        return host_and_port[:host_and_port.find("]") + 1] if "]" in host_and_port else host_and_port
    return host_and_port.partition(":")[0]


def _query(rest: str) -> str:
    before_fragment = rest.partition("#")[0]
    return before_fragment.partition("?")[2]


def browser_host(host: str) -> str | None:
    """The URL Standard's host parser for http(s): the host a browser connects
    to, or None when it refuses it."""
    if host.startswith("["):
        return host.lower() if host.endswith("]") and _looks_like_ipv6(host[1:-1]) else None
    domain = unquote_to_bytes(host).decode("utf-8", errors="replace")   # U+FFFD fails below
    ascii_domain = domain_to_ascii(domain)
    if ascii_domain is None:
        return None
    if _ends_in_a_number(ascii_domain):
        return _ipv4(ascii_domain)
    return ascii_domain


def domain_to_ascii(domain: str) -> str | None:
    """UTS #46 ToASCII as the URL Standard runs it (not strict: no hyphen or
    STD3 rules, no DNS length limit; bidi and joiner rules apply)."""
    try:
        mapped = idna.uts46_remap(domain, std3_rules=False, transitional=False)
    except idna.IDNAError:
        return None
    labels = []
    for label in mapped.split("."):
        ascii_label = _label_to_ascii(label, bidi_domain=any(_is_rtl(char) for char in mapped))
        if ascii_label is None:
            return None
        labels.append(ascii_label)
    result = ".".join(labels)
    if not result or any(char in FORBIDDEN_IN_DOMAIN for char in result):
        return None
    return result


def _label_to_ascii(label: str, bidi_domain: bool) -> str | None:
    if label.startswith("xn--"):
        try:
            unicode_label = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return None
        # A valid xn-- label decodes to Unicode that the mapping leaves alone.
        if not unicode_label or unicode_label.isascii() or not _valid(unicode_label, bidi_domain):
            return None
        try:
            if idna.uts46_remap(unicode_label, std3_rules=False, transitional=False) != unicode_label:
                return None
        except idna.IDNAError:
            return None
        return label
    if label.isascii():
        return label
    if not _valid(label, bidi_domain):
        return None
    return "xn--" + label.encode("punycode").decode("ascii")


def _valid(label: str, bidi_domain: bool) -> bool:
    """UTS #46 CheckJoiners and CheckBidi for one label."""
    try:
        if any(char in "\u200c\u200d" and not valid_contextj(label, index) for index, char in enumerate(label)):
            return False
        return not bidi_domain or check_bidi(label, check_ltr=True)
    except (idna.IDNAError, ValueError):
        return False


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL", "AN")


def _ends_in_a_number(domain: str) -> bool:
    parts = domain.split(".")
    if parts[-1] == "":
        if len(parts) == 1:
            return False
        parts.pop()
    last = parts[-1]
    return (last.isdigit() and last.isascii()) or _ipv4_number(last) is not None


def _ipv4_number(part: str) -> int | None:
    if not part:
        return None
    radix = 10
    if len(part) >= 2 and part[:2] in ("0x", "0X"):
        part, radix = part[2:], 16
    elif len(part) >= 2 and part[0] == "0":
        part, radix = part[1:], 8
    if not part:
        return 0
    digits = "0123456789abcdef"[:radix]
    if not all(char in digits for char in part.lower()):
        return None
    return int(part, radix)


def _ipv4(domain: str) -> str | None:
    """The URL Standard's IPv4 parser, serialized as four decimal numbers."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = [_ipv4_number(part) for part in parts]
    if any(number is None for number in numbers) or any(number > 255 for number in numbers[:-1]):
        return None
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    address = numbers[-1] + sum(number * 256 ** (3 - index) for index, number in enumerate(numbers[:-1]))
    return ".".join(str(address >> shift & 255) for shift in (24, 16, 8, 0))


def _looks_like_ipv6(inside: str) -> bool:
    return bool(inside) and all(char in "0123456789abcdefABCDEF:." for char in inside)
