"""The offline copy's search index, built at build time (used by search/per_language.py).

Offline (file://) Material's search "worker" runs in a hidden iframe on the
page's own thread, and on every page view it built the lunr index there:
~0.85 s at 500 pages per language, ~2.6 s at 2000, with the page frozen.
Here we do that work once, in Python: each entry is tokenised exactly as
Material 9.8's worker tokenises it (its HTML-aware tokenizer, the index's
separator, lowercasing, the language's stop words: the index pipeline is
only `stopWordFilter`, so terms stay unstemmed, which the query side in
swedish-query.js relies on). What lunr.js would compute from it (term
numbers, postings, positions, Material's position tables) is written in a
compact form; the worker (nmt-search.js) turns it into a lunr.Index lazily,
a term or an entry at a time, and lets lunr.js itself do the arithmetic
(scores), so results are the same as online.

The data goes into plain script files beside search_index.js (file:// has no
fetch), in parts of about PART_BYTES, which the worker loads all at once, each
script one short task on the page's thread. Anything this module cannot reproduce exactly (another
pipeline, a separator it cannot translate, a language without a plain stop
word list, duplicate locations) makes prebuild() return None: the offline copy
then builds the index in the browser as before, slower but correct.

tests/offline/test_offline_search_index.py checks, in Node with Material's own
worker, that the index built from these files equals the one lunr.js builds.
"""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path

FORMAT = 1
PART_BYTES = 3_000_000
TAG_OPEN, TEXT, TAG_CLOSE = 0, 1, 2

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator); Python's differs (\x1c-\x1f, \x85; no \ufeff).
JS_SPACE = "\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_CLASSES = {"s": JS_SPACE, "d": "0-9", "w": "A-Za-z0-9_"}
ANGLE = re.compile("[<>]")


# --- JavaScript semantics ----------------------------------------------------------------
# (Positions and table entries are packed into 32-bit integers by the browser,
# from the plain numbers written here, so JavaScript's own arithmetic does it.)

def utf16_units(text: str) -> str:
    """The text as JavaScript sees it: one character per UTF-16 code unit, so
    offsets count as in JS (a character outside the BMP counts twice)."""
    if text.isascii() or max(text) <= "\uffff":
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(map(chr, struct.unpack(f"<{len(data) // 2}H", data)))


def from_units(units: str) -> str:
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def js_regex(pattern: str) -> re.Pattern | None:
    """A Python pattern that splits like JavaScript's RegExp(pattern) (no flags),
    for the constructs Material's separators use; None for anything else."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                return None
            escaped = pattern[i + 1]
            i += 2
            if escaped.lower() in JS_CLASSES:
                chars = JS_CLASSES[escaped.lower()]
                if escaped.islower():
                    out.append(chars if in_class else f"[{chars}]")
                elif in_class:
                    return None  # a negated class inside a class: not needed, not translated
                else:
                    out.append(f"[^{chars}]")
            elif escaped in "bB" and not in_class:
                word = JS_CLASSES["w"]
                boundary = f"(?:(?<=[{word}])(?![{word}])|(?<![{word}])(?=[{word}]))"
                out.append(boundary if escaped == "b" else f"(?!{boundary})")
            elif escaped in "tnrfv":
                out.append("\\" + escaped)
            elif not escaped.isalnum():
                out.append("\\" + escaped)  # an escaped punctuation character is itself
            else:
                return None  # \u, \x, \p, back-references …: not translated
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                out.append("\\[")
                i += 1
                continue
        elif char == "[":
            in_class = True
            if pattern.startswith("[^]", i) or pattern.startswith("[]", i):
                return None
        elif char == ".":
            out.append("[^\n\r\u2028\u2029]")
            i += 1
            continue
        elif char == "(" and pattern.startswith("(?<", i):
            return None  # lookbehind and named groups: not translated
        out.append(char)
        i += 1
    if in_class:
        return None
    try:
        return re.compile("".join(out))
    except re.error:
        return None


def split(section: str, separator: re.Pattern):
    """Material's split(): the ranges between separator matches (its RegExp
    exec loop; after an empty match it moves on by one character)."""
    ranges, index = [], 0
    for match in separator.finditer(section):
        if match.end() == match.start():
            break  # empty matches: Python's finditer steps differently, use the exact loop
        if index < match.start():
            ranges.append((index, match.start()))
        index = match.end()
    else:
        if index < len(section):
            ranges.append((index, len(section)))
        return ranges
    ranges, index, position = [], 0, 0
    while True:
        match = separator.search(section, position) if position <= len(section) else None
        until = match.start() if match else len(section)
        if index < until:
            ranges.append((index, until))
        if not match:
            return ranges
        index = match.end()
        position = match.end() if match.end() > match.start() else match.start() + 1


def extract(text: str):
    """Material's extract(): (block, type, start, end) for top-level tags and text.

    Material walks every character; only "<" and ">" change its state, so
    this visits just those."""
    block = start = stack = 0
    for match in ANGLE.finditer(text):
        end = match.start()
        if match.group() == "<":
            if end > start:
                yield block, TEXT, start, end
                start = end
            continue
        if text[start + 1:start + 2] == "/":
            stack -= 1
            if stack == 0:
                yield block, TAG_CLOSE, start, end + 1
                block += 1
        elif end == 0 or text[end - 1] != "/":
            if stack == 0:
                yield block, TAG_OPEN, start, end + 1
            stack += 1
        start = end + 1
    if len(text) > start:
        yield block, TEXT, start, len(text)


def tokenize(value, separator: re.Pattern, words: re.Pattern | None = None):
    """Material's tokenize() of one field value (a string or a list of strings).

    Returns (table, tokens): table[block] = [(type, start, length), …] as
    Material's position table holds them, and tokens = [(term, block, entry)]
    with the lowercased token text and its place in the table. `words`
    (word_pattern(separator)) is a faster way to the same words."""
    table: list[list[tuple[int, int, int]]] = []
    tokens: list[tuple[str, int, int]] = []
    for raw in value if isinstance(value, list) else [value]:
        text = utf16_units(raw)
        token_text = str.lower if text is raw else (lambda units: from_units(units).lower())
        total = len(table)
        for block, kind, start, end in extract(text):
            block += total
            while len(table) <= block:
                table.append([])
            if kind != TEXT:
                table[block].append((kind, start, end - start))
                continue
            entries = table[block]
            if words is not None:  # a separator that is one character class: the words are the runs of the rest
                for match in words.finditer(text, start, end):
                    entries.append((TEXT, match.start(), match.end() - match.start()))
                    tokens.append((token_text(match.group()), block, len(entries) - 1))
                continue
            section = text[start:end]
            for index, until in split(section, separator):
                entries.append((TEXT, start + index, until - index))
                tokens.append((token_text(section[index:until]), block, len(entries) - 1))
    return table, tokens


def word_pattern(separator: re.Pattern) -> re.Pattern | None:
    """For a separator that is a single character class repeated ("[\\s\\-]+",
    Material's default), the pattern of the text between its matches."""
    found = re.fullmatch(r"\[([^\[\]^]*)\]\+", separator.pattern)
    return re.compile(f"[^{found.group(1)}]+") if found else None


# --- Material's language set-up ----------------------------------------------------------

def material_javascripts() -> Path:
    import material
    return Path(material.__file__).parent / "templates" / "assets" / "javascripts"


# Languages whose lunr support is only a trimmer, a stop word list and a
# stemmer. Others (ja, th, zh, …) segment words in their own way.
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


def pipeline_labels(language: str, pipeline: list[str]) -> list[str] | None:
    """The index pipeline Material's worker ends up with, as lunr labels it;
    None if it holds anything but the stop word filter (trimmer, stemmer)."""
    if set(pipeline) - {"stopWordFilter", "trimmer", "stemmer"} or {"trimmer", "stemmer"} & set(pipeline):
        return None
    if "stopWordFilter" not in pipeline:
        return []
    return ["stopWordFilter" if language == "en" else f"stopWordFilter-{language}"]


# --- The prebuilt index ------------------------------------------------------------------

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


def prebuild(index: dict, javascripts: Path | None = None) -> dict | None:
    """What lunr.js would build from a search index, or None if it cannot be
    reproduced exactly (the browser then builds it, as before)."""
    config, docs = index.get("config", {}), index.get("docs", [])
    languages = config.get("lang") or ["en"]
    if len(languages) != 1 or not docs:
        return None
    language = languages[0]
    labels = pipeline_labels(language, list(config.get("pipeline", [])))
    separator = js_regex(config.get("separator", ""))
    words = stop_words(language, javascripts or material_javascripts())
    if labels == []:  # no stop word filter in the pipeline
        words = frozenset() if words is not None else None
    locations = [doc.get("location") for doc in docs]
    if labels is None or separator is None or words is None or len(set(locations)) != len(locations):
        return None
    fields = list(config.get("fields", {}))
    runs = word_pattern(separator)
    terms: dict[str, int] = {}  # term -> lunr's term index (order of first appearance, as lunr numbers them)
    # term index -> per field: [(document, positions)], documents in index order
    postings: dict[int, list[list[tuple[int, list[tuple[int, int]]]]]] = {}
    lengths = [0] * len(fields)
    entries = []
    for number, doc in enumerate(docs):
        numbers = []
        for field_number, field in enumerate(fields):
            if field not in doc:  # undefined in JS: no table, no tokens
                numbers += [0, 0]
                continue
            value = doc[field]
            if not isinstance(value, (str, list)) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
                return None  # Material's tokenizer would not read it as text
            table, tokens = tokenize(value, separator, runs)
            found: dict[int, list[tuple[int, int]]] = {}  # term index -> positions, in token order
            for term, block, entry in tokens:
                if term not in words:
                    found.setdefault(terms.setdefault(term, len(terms)), []).append((block, entry))
            for term_index, positions in found.items():
                postings.setdefault(term_index, [[] for _ in fields])[field_number].append((number, positions))
                lengths[field_number] += len(positions)
            # The field's vector: (term index step, term frequency), by term index …
            numbers.append(len(found))
            previous = -1
            for term_index in sorted(found):
                numbers += [term_index - previous - 1, len(found[term_index])]
                previous = term_index
            # … and Material's position table: blocks of (offset step, type), length.
            numbers.append(len(table))
            previous_end = 0
            for block in table:
                numbers.append(len(block))
                for kind, start, length in block:
                    step = start - previous_end  # negative only where a list's next string starts
                    numbers += [(step * 2 if step >= 0 else -step * 2 - 1) * 3 + kind, length]
                    previous_end = start + length
        entries.append(varints(numbers))
    posting_strings = []
    for term_index in range(len(terms)):
        numbers = []
        for documents in postings[term_index]:
            numbers.append(len(documents))
            previous = -1
            for number, positions in documents:
                numbers += [number - previous - 1, len(positions)]
                previous = number
                last_block, last_entry = 0, -1
                for block, entry in positions:  # (block step, entry), or in the same block (0, entry step)
                    numbers += [block - last_block, entry if block != last_block else entry - last_entry - 1]
                    last_block, last_entry = block, entry
        posting_strings.append(varints(numbers))
    return {
        "format": FORMAT, "lang": language, "separator": config["separator"], "pipeline": labels,
        "fields": {field: config["fields"][field] for field in fields},
        # lunr's averageFieldLength (it only matters for b != 0; Material sets b = 0).
        "average": [length / len(docs) for length in lengths],
        "documents": len(docs),
        "terms": list(terms),
        # lunr's idf counts a term's postings over all fields.
        "df": [sum(len(documents) for documents in postings[t]) for t in range(len(terms))],
        "postings": posting_strings,
        "entries": entries,
    }


def script_parts(index: dict, prebuilt: dict, name: str = "search_prebuilt") -> dict[str, str]:
    """The script files for the worker: {file name: text}, loaded all at once.
    Each calls nmtSearchPart(number, json) with a JSON string (parsed faster
    than a literal, and in ASCII, which the browser reads faster). Part 0 holds
    the terms and postings, the others whole entries with their index data."""
    meta = {key: value for key, value in prebuilt.items() if key != "entries"}
    chunks, current, size = [], [], 0
    for doc, encoded in zip(index["docs"], prebuilt["entries"]):
        current.append((doc, encoded))
        size += len(doc.get("text", "")) + len(encoded) + 200
        if size >= PART_BYTES:
            chunks.append(current)
            current, size = [], 0
    if current or not chunks:
        chunks.append(current)
    payloads = [{"meta": meta}]
    payloads += [{"docs": [doc for doc, _ in chunk], "entries": [encoded for _, encoded in chunk]} for chunk in chunks]
    files = {}
    for number, payload in enumerate(payloads):
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        files[f"{name}-{number}.js"] = f"nmtSearchPart({number},{json.dumps(text)});\n"
    return files
