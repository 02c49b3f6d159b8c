"""The search index, built at build time (used by search/per_language.py).

Both copies of the site search with one engine, our search worker
(docs/assets/javascripts/workers/nmt-search.js with search-engine.js). It
answers Material's search box as Material's own worker would, from an index
made here, once, instead of one that lunr builds in the reader's browser on
every page view: at 2000 pages per language that took 2–2.6 s and 200–270 MB
of memory over http, and froze the page offline.

What this module writes, per language:
- the words of every search entry: each field's text without its HTML,
  Unicode NFC, lower case, split into words (runs of letters and digits, so
  "(ÅMP)" is the word "åmp"; an SFS number such as 1962:700 stays one word),
  the language's stop words left out. The worker splits the reader's query
  and the result texts by the same rule (search-engine.js, WORD); a test
  checks that the two agree on the whole site;
- the sorted list of words and, per word, the entries and fields that hold it
  with how often (compact integers, decoded by the worker when a query
  reaches the word);
- the entries to show: location, title and text (HTML, as Material wrote
  them) and the entry's boost.
What the worker does with it (diacritics, typos, other names, ranking) is
described in search-engine.js.

The data goes into plain script files (file:// has no fetch), in parts of
about PART_BYTES: part 0 the words and their entries (and how many parts
there are), the others the entries to show. Each part calls nmtSearchPart(number, json) with a JSON string
(parsed faster than a literal, and in ASCII, which the browser reads faster).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from array import array
from collections import Counter
from pathlib import Path

FORMAT = 3
PART_BYTES = 3_000_000
# The fields the worker scores, in this order, and their weights. Material's
# lunr weights (title 1000, keywords 100, text 1) let one word in a title
# outweigh every other word of a longer query; these keep a title word first
# for a one-word query and let a page that holds all of a question's words
# win. `names` (another name of what the page is about: the glossary and the
# statute register, search/enrichment.py) counts nearly like a title, `tags`
# (front-matter keywords and description, what the register says a
# provision covers, the words of longer other names) below it, `forms` (the
# glossary words of the concepts the page links to) just above text.
FIELDS = ("title", "names", "tags", "forms", "text")
BOOSTS = (10.0, 8.0, 3.0, 1.5, 1.0)

# A word: letters and digits, joined by single colons (NMT:s, 1962:700).
# search-engine.js uses [\p{L}\p{N}]+(?::[\p{L}\p{N}]+)*; Python's [^\W_] is
# the same set of characters (str.isalnum()). One character class repeated,
# each repetition of the group starting with ':', which the class excludes:
# linear in the length of the text.
WORD = re.compile(r"[^\W_]+(?::[^\W_]+)*")
TAG = re.compile(r"<[^<>]*>")  # one pass, no nesting: linear


def words(text: str) -> list[str]:
    """The searchable words of plain text, as the worker splits a query."""
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def plain(value: str) -> str:
    """The text of an HTML fragment as a reader sees it (tags out, entities read)."""
    return html.unescape(TAG.sub(" ", value))


def values(doc: dict, field: str) -> list[str]:
    value = doc.get(field)
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def field_words(doc: dict, field: str, stop: frozenset[str] = frozenset()) -> list[str]:
    """The words of one field of an entry. An other name of one word ("ÅMP",
    "sexköpslagen") counts in `names`; the words of a longer name count as
    keywords (`tags`), so that one word of a long name ("människohandel" in
    NMT's full name) does not rank like a title."""
    def name_words(name: str) -> list[str]:
        return words(plain(name))

    def is_one_word(name: str) -> bool:
        return len([word for word in name_words(name) if word not in stop]) == 1

    if field == "names":
        return [word for name in values(doc, "names") if is_one_word(name) for word in name_words(name)]
    found = [word for value in values(doc, field) for word in words(plain(value))]
    if field == "tags":
        found += [word for name in values(doc, "names") if not is_one_word(name) for word in name_words(name)]
    return found


# --- Material's language set-up ----------------------------------------------------------

def material_javascripts() -> Path:
    import material
    return Path(material.__file__).parent / "templates" / "assets" / "javascripts"


# Languages whose lunr support is only a trimmer, a stop word list and a
# stemmer: their stop word list is read from Material's lunr scripts.
PLAIN_LANGUAGES = {"en", "sv", "da", "no", "de", "nl", "du", "fi", "fr", "es", "it", "pt", "ro", "hu", "tr"}


def stop_words(language: str, javascripts: Path) -> frozenset[str] | None:
    """lunr's stop word list for a language, read from the scripts Material ships."""
    if language not in PLAIN_LANGUAGES:
        return None
    try:
        if language == "en":
            worker = next((javascripts / "workers").glob("search.*.min.js")).read_text("utf-8")
            found = re.search(r"\.stopWordFilter=\w+\.generateStopWordFilter\((\[[^\]]*\])\)", worker)
            return frozenset(json.loads(found.group(1))) if found else None
        script = (javascripts / "lunr" / "min" / f"lunr.{language}.min.js").read_text("utf-8")
    except (OSError, StopIteration, ValueError):
        return None
    found = re.findall(r'generateStopWordFilter\("([^"\\]*)"\.split\(" "\)\)', script)
    return frozenset(found[0].split(" ")) if len(found) == 1 else None


# --- The index ---------------------------------------------------------------------------

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _varint(number: int) -> str:
    out = []
    while number >= 32:
        out.append(ALPHABET[32 | (number & 31)])
        number >>= 5
    out.append(ALPHABET[number])
    return "".join(out)


_SMALL = [_varint(number) for number in range(1024)]  # most numbers written are small


def varints(numbers) -> str:
    """Unsigned integers, 5 bits per character, a continuation bit per character."""
    small = _SMALL
    return "".join(small[number] if number < 1024 else _varint(number) for number in numbers)


def utf16_order(word: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units: sort so its binary search works."""
    return word.encode("utf-16-be", "surrogatepass")


def page_steps(docs: list[dict]) -> str:
    """Per entry, where the entry of its page is (the location before '#'):
    1 + how many entries before it (1: the entry is the page's own), or 0
    if there is none before it. Material lists a page's own entry first,
    then its sections. The worker ranks with this before it has read any
    location."""
    numbers = {str(doc.get("location", "")): number for number, doc in enumerate(docs)}
    steps = []
    for number, doc in enumerate(docs):
        page = numbers.get(str(doc.get("location", "")).split("#")[0])
        steps.append(number - page + 1 if page is not None and page <= number else 0)
    return varints(steps)


def entry_words(doc: dict, stop: frozenset[str]) -> dict[str, list[int]]:
    """word -> how often each field of the entry holds it."""
    counts: dict[str, list[int]] = {}
    for field_number, field in enumerate(FIELDS):
        for word, count in Counter(field_words(doc, field, stop)).items():
            if word not in stop:
                counts.setdefault(word, [0] * len(FIELDS))[field_number] = count
    return counts


def build(index: dict, stop: frozenset[str]) -> dict:
    """The engine's index of one language's Material search index.

    A word's entries are written down as numbers as soon as an entry is read
    (compact arrays, not a list per word and entry: at 2000 pages per
    language that took some 80 MB more while the site was built)."""
    docs = index.get("docs", [])
    postings_of: dict[str, array] = {}  # word -> per entry, in index order: gap, fields, count per field
    entries_of: Counter = Counter()     # word -> how many entries hold it
    last_entry: dict[str, int] = {}
    for number, doc in enumerate(docs):
        for word, per_field in entry_words(doc, stop).items():
            present = [(field, count) for field, count in enumerate(per_field) if count]
            numbers = postings_of.setdefault(word, array("I"))
            numbers.extend([number - last_entry.get(word, -1) - 1, sum(1 << field for field, _ in present),
                            *(count for _, count in present)])
            entries_of[word] += 1
            last_entry[word] = number
    terms = sorted(postings_of, key=utf16_order)
    postings = [varints([entries_of[term], *postings_of.pop(term)]) for term in terms]
    return {
        "format": FORMAT, "lang": (index.get("config", {}).get("lang") or ["en"])[0],
        "fields": list(FIELDS), "boosts": list(BOOSTS),
        "stop": sorted(stop), "documents": len(docs), "pages": page_steps(docs), "terms": terms,
        "postings": postings,
    }


def shown(doc: dict) -> list:
    """What the worker keeps of an entry to show it: [location, title, text, boost]."""
    return [str(doc.get("location", "")), str(doc.get("title", "")), str(doc.get("text", "")),
            float(doc.get("boost", 1) or 1)]


def script_parts(index: dict, built: dict, name: str):
    """The script files for the worker, (file name, text) one after the other
    (one part in memory at a time): part 0 the words, the others the entries
    to show, in index order."""
    def part(number: int, payload: dict) -> tuple[str, str]:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return f"{name}-{number}.js", f"nmtSearchPart({number},{json.dumps(text)});\n"

    yield part(0, built)
    current, size, number = [], 0, 0
    for doc in index.get("docs", []):
        current.append(shown(doc))
        size += len(current[-1][1]) + len(current[-1][2]) + 100
        if size >= PART_BYTES:
            number += 1
            yield part(number, {"docs": current})
            current, size = [], 0
    if current or not number:
        yield part(number + 1, {"docs": current})


PART = re.compile(r"nmtSearchPart\((\d+),(.*)\);\n?", re.DOTALL)


def read_parts(folder: Path, name: str) -> tuple[dict, list[dict]]:
    """The index and the entries back from the script files (for tests and make bench)."""
    meta, entries = {}, []
    for number in range(len(list(folder.glob(f"{name}-*.js")))):
        found = PART.fullmatch((folder / f"{name}-{number}.js").read_text("utf-8"))
        payload = json.loads(json.loads(found.group(2)))
        if number == 0:
            meta = payload
        else:
            entries += [{"location": location, "title": title, "text": text, "boost": boost}
                        for location, title, text, boost in payload["docs"]]
    return meta, entries
