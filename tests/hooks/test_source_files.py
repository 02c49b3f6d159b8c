"""Files under docs/: symlinks, badly named files, unexpected kinds, active SVG, files at the
names the build writes and two pages at one address are refused."""
import os
import struct
import zlib
from pathlib import Path

import material
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixture_sites import ROOT, build_site, make_site
from nmt.checks.source_files import NAME_CHARACTERS, check_files, css_problem, destination, is_badly_named, published_files, suggested_name, svg_problem, theme_files
from nmt.core.site_facts import load_site_config

LANGUAGES = ["sv", "en"]
SVG_START = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
DENY = [{"host": "bit.ly", "reason": "link shorteners hide where a link goes — use the full https address"}]


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b""))


def docs_with(tmp_path, files: dict) -> Path:
    docs = tmp_path / "docs"
    for name, data in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    docs.mkdir(exist_ok=True)
    return docs


def findings(tmp_path, files: dict, theme=frozenset()) -> list[str]:
    return [str(f) for f in check_files(docs_with(tmp_path, files), "docs/", LANGUAGES, DENY, theme)]


def svg(body: str) -> str:
    return f"{SVG_START}\n{body}\n</svg>\n"


# --- symlinks and addresses ----------------------------------------------------------------------

def test_a_symlink_is_refused_and_its_target_never_published(tmp_path):
    site = make_site(tmp_path / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2")
    os.symlink(secret, site / "docs" / "notes.txt")
    os.symlink(tmp_path, site / "docs" / "folder")
    result = build_site(site)
    assert not result.succeeded
    assert any("docs/notes.txt:1: this is a symbolic link" in m for m in result.messages), result.messages
    assert not any("hunter2" in path.read_text(errors="ignore") for path in (site / "site").rglob("*")
                   if path.is_file()) if (site / "site").exists() else True


def test_both_symlinks_are_named(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    os.symlink("/etc/passwd", docs / "passwd.txt")
    os.symlink("/etc", docs / "etc")
    names = sorted(f.path for f in check_files(docs, "docs/", ["sv", "en"]))
    assert names == ["docs/etc", "docs/passwd.txt"]


def test_addresses_of_pages_and_translations():
    assert destination("samverkan/barn.md", (".en",)) == destination("samverkan/barn/index.md", (".en",))
    assert destination("samverkan/barn.en.md", (".en",)) == "/en/samverkan/barn/"
    assert destination("index.md", (".en",)) == "/"
    assert destination("bild.png", (".en",)) is None


def test_a_page_is_published_in_both_address_styles():
    assert published_files("samverkan/barn.md", "sv", ["en"]) == [
        ("samverkan/barn/index.html", ""), ("samverkan/barn.html", " in the offline copy")]
    assert published_files("404.en.md", "sv", ["en"])[1] == ("en/404.html", " in the offline copy")
    assert published_files("samverkan/index.en.md", "sv", ["en"]) == [("en/samverkan/index.html", "")]
    assert published_files("bild.png", "sv", ["en"]) == [("bild.png", "")]


def test_the_real_docs_folder_passes_every_file_check():
    config = load_site_config(ROOT / "mkdocs.yml")
    deny = config["extra"]["link_policy"]["deny"]
    assert check_files(ROOT / "docs", "docs/", LANGUAGES, deny, theme_files(config["theme"].dirs)) == []


# --- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, suggestion", [
    ("Ny Sida Åäö.md", "ny-sida-aao.md"),
    ("Ny Sida Åäö.en.md", "ny-sida-aao.en.md"),
    ("Karta.PNG", "karta.png"),
    ("bild  (1).png", "bild-1.png"),
    ("sida\u200b.md", "sida.md"),         # an invisible character pasted with the name
    ("ny\n::notice::sida.md", "ny-notice-sida.md"),  # a newline would start a GitHub Actions command
    ("Café_Übersicht.md", "cafe_ubersicht.md"),
])
def test_a_badly_named_file_is_refused_with_the_name_to_use(tmp_path, name, suggestion):
    assert suggested_name(name) == suggestion
    data = png() if name.lower().endswith(".png") else "text"
    [message] = findings(tmp_path, {name: data})
    assert ":1: the file name '" in message and f"rename it to '{suggestion}'" in message
    assert "\n" not in message and "\u200b" not in message  # one visible line, whatever the name holds


def test_a_badly_named_folder_is_reported_once_for_all_its_files(tmp_path):
    messages = findings(tmp_path, {"Om NMT/sida.md": "a", "Om NMT/sida.en.md": "b", "Om NMT/bild.png": png()})
    assert messages == ["docs/Om NMT:1: the folder name 'Om NMT' has capital letters, spaces or other characters "
                        "than a–z, 0–9, '-', '_' and '.', and it becomes part of the address — rename it to "
                        "'om-nmt' (lower case, å and ä become a, ö becomes o, spaces become hyphens)"]


@pytest.mark.parametrize("name, expected", [
    ("sida.fr.md", "'.fr' in 'sida.fr.md' is not a language of this site — name a Swedish page 'sida.md' and its "
                   "English translation 'sida.en.md'"),
    ("sida.v2.md", "a page name has no dots before '.md' — rename it to 'sida-v2.md' (or 'sida-v2.en.md' in "
                   "English)"),
    (".dold.md", "the file name '.dold.md' has"),
    ("-sida.md", "the file name '-sida.md' has"),
])
def test_a_page_is_name_md_or_name_language_md(tmp_path, name, expected):
    [message] = findings(tmp_path, {name: "text"})
    assert message.startswith(f"docs/{name}:1: {expected}")


@given(st.text(min_size=1, max_size=40))
def test_the_suggested_name_always_passes_the_rule(name):
    suggestion = suggested_name(name)
    assert suggestion == "" or not is_badly_named(suggestion, NAME_CHARACTERS)


def test_good_names_pass_and_vendored_files_keep_their_upstream_names(tmp_path):
    assert findings(tmp_path, {"samverkan/ny-sida.md": "a", "samverkan/ny-sida.en.md": "b", "_mall.md": "c",
                               "bilder/karta_2024.png": png(), "glossary.yml": "a: b\n",
                               "assets/vendor/x/LICENSE.txt": "MIT", "assets/vendor/x/ResizeObserver.js": "1"}) == []
    [message] = findings(tmp_path / "b", {"assets/vendor/x/My File.js": "1"})
    assert message.startswith("docs/assets/vendor/x/My File.js:1: the file name 'My File.js' has")


# --- kinds and contents --------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("rapport.pdf", "PDF files are not published from docs/: a PDF can carry scripts and actions that the build "
                    "cannot check — link to the PDF at its publisher's permanent https address instead"),
    ("assets/rapport.pdf", "PDF files are not published from docs/"),
    ("sida.html", "HTML files are not published from docs/ — write the page in Markdown (.md)"),
    ("lista.txt", "'.txt' files are not published from here — they live in docs/assets/ and are added by a "
                  "developer"),
    ("egen.css", "'.css' files are not published from here — they live in docs/assets/"),
    ("extra/evil.js", "a script file is not allowed here — scripts live in docs/assets/javascripts/"),
    ("assets/stylesheets/font.woff2", "a font file is not allowed here — fonts live in docs/assets/vendor/fonts/"),
    ("data.json", "files of type '.json' are not published"),
    ("sida.xml", "files of type '.xml' are not published"),
])
def test_editors_publish_pages_and_images_only(tmp_path, name, expected):
    [message] = findings(tmp_path, {name: b"%PDF-1.4\n/OpenAction << /S /JavaScript >>" if name.endswith(".pdf")
                                    else "x"})
    assert message.startswith(f"docs/{name}:1: {expected}")


def test_fonts_only_in_the_vendored_font_folder(tmp_path):
    """A font is parsed by every reader's browser: only a developer adds one (scripts/vendor.sh)."""
    docs = tmp_path / "docs"
    (docs / "assets" / "vendor" / "fonts").mkdir(parents=True)
    (docs / "assets" / "vendor" / "fonts" / "Pinned.ttf").write_bytes(b"\0\1\0\0")
    (docs / "om-nmt").mkdir()
    (docs / "om-nmt" / "Egen.ttf").write_bytes(b"\0\1\0\0")
    found = check_files(docs, "docs/", ["sv", "en"])
    assert [(f.path, f.line) for f in found] == [("docs/om-nmt/Egen.ttf", 1)]
    assert "fonts live in docs/assets/vendor/fonts/" in found[0].message


@pytest.mark.parametrize("name, data, expected", [
    ("bild.png", svg("<script>alert(1)</script>").encode(), "the file is named .png but is not a PNG file — export "
                                                            "it again as PNG, or give it the ending of what it is"),
    ("foto.png", b"\xff\xd8\xff\xe0\x00\x10JFIF", "the file is named .png but is a JPEG image — rename it to "
                                                  "'foto.jpg'"),
    ("foto.jpg", png(), "the file is named .jpg but is a PNG image — rename it to 'foto.png'"),
    ("anim.gif", b"<html><script>", "the file is named .gif but is not a GIF file"),
    ("bild.webp", b"RIFF\0\0\0\0WAVE", "the file is named .webp but is not a WebP file"),
])
def test_an_image_must_be_what_its_name_says(tmp_path, name, data, expected):
    [message] = findings(tmp_path, {name: data})
    assert message.startswith(f"docs/{name}:1: {expected}")


def test_real_images_of_each_kind_pass(tmp_path):
    assert findings(tmp_path, {"a.png": png(), "b.jpg": b"\xff\xd8\xff\xdb", "c.jpeg": b"\xff\xd8\xff\xe1",
                               "d.gif": b"GIF89a\1\0", "e.webp": b"RIFF\x10\0\0\0WEBPVP8 ",
                               "assets/f.ico": b"\0\0\1\0\1\0"}) == []


# --- SVG -----------------------------------------------------------------------------------------

HOSTILE_SVG = [
    # (what, body, line of the problem, part of the message)
    ("script", "<script>alert(1)</script>", 2, "has <script>, which is not allowed in images (it runs code)"),
    ("event handler", '<rect onload="alert(1)"/>', 2, "has the attribute onload=, which is not allowed in images"),
    ("event handler in capitals", '<rect ONCLICK="alert(1)"/>', 2, "the attribute ONCLICK="),
    ("foreignObject", "<foreignObject><div>x</div></foreignObject>", 2, "has <foreignObject>"),
    ("animation that sets a link", '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>', 2,
     "has <set>, which is not allowed in images (it can change a link while the image is shown)"),
    ("animate", '<animate attributeName="href" values="javascript:alert(1)"/>', 2, "has <animate>"),
    ("image", '<image href="https://tracker.example/p.png"/>', 2, "has <image>, which is not allowed in images "
                                                                  "(it loads another file)"),
    ("filter image", '<filter id="f"><feImage href="https://x.example/a.png"/></filter>', 2, "has <filter>"),
    ("character reference", '<a href="&#106;avascript:alert(1)"><text>x</text></a>', 2,
     "'javascript:' links run code and are not allowed — link to a page or an https address instead"),
    ("xlink:href with spaces and capitals", '<a xlink:href="  JaVaScRiPt:alert(1)"/>', 2,
     "'javascript:' links run code"),
    ("data: link", '<a href="data:text/html,&lt;script&gt;"/>', 2, "'data:' links run code"),
    ("scheme-less //host link", '<a href="//evil.example/"/>', 2,
     "'//evil.example/' has no https: at the start — write the full https:// address"),
    ("http link", '<a href="http://example.org/"/>', 2, "'http://example.org/' uses http — use the https:// address"),
    ("denied host", '<a href="https://bit.ly/x"/>', 2, "links to bit.ly are not allowed: link shorteners hide"),
    ("use of another file", '<use href="https://evil.example/i.svg#a"/>', 2,
     "refers to 'https://evil.example/i.svg#a' from <use> — an image may only refer to its own parts (#id)"),
    ("use of a scheme-less host", '<use xlink:href="//evil.example/i.svg#a"/>', 2, "refers to '//evil.example/"),
    ("use of a neighbouring file", '<use href="icons.svg#a"/>', 2, "refers to 'icons.svg#a' from <use>"),
    ("gradient from another file", '<linearGradient href="other.svg#g"/>', 2, "refers to 'other.svg#g'"),
    ("href on a shape", '<rect href="#a"/>', 2, "refers to '#a' from <rect>"),
    ("@import", "<style>\nrect { fill: red }\n@import 'https://evil.example/x.css';\n</style>", 4,
     "<style> has the rule '@import', which could load another file or run code"),
    ("escaped @import", "<style>\\40 import 'x.css';</style>", 2, "<style> has a backslash escape"),
    ("backslash escape in url", '<rect style="fill: u\\72l(https://x.example/)"/>', 2, "a backslash escape"),
    ("url() in a style", '<rect style="fill: url(https://evil.example/p.svg#g)"/>', 2,
     "attribute style= has 'url(https://evil.example/p.svg#g)'"),
    ("url() with a quoted outside address", '<rect fill="url(\'//evil.example/#g\')"/>', 2, "attribute fill= has"),
    ("expression()", '<rect style="width: expression(alert(1))"/>', 2, "'expression(alert(1)'"),
    ("image-set()", '<rect style="fill: image-set(\'x.png\' 1x)"/>', 2, "'image-set('"),
    ("element inside style", "<style><g>rect{}</g></style>", 2, "has <g> inside <style>"),
    ("XHTML script", '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', 2,
     "has <h:script>, which is not allowed in images (it is from the XML namespace 'http://www.w3.org/1999/xhtml'"),
    ("XHTML iframe by default namespace", '<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://x.example/"/>',
     2, "has <iframe>"),
    ("xml:base", '<g xml:base="https://evil.example/"/>', 2, "the attribute xml:base= on <g>"),
    ("unknown attribute", '<rect target="_blank"/>', 2, "the attribute target= on <rect>"),
    ("Inkscape attribute", '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                           'inkscape:label="Lager 1"/>', 2, "the attribute inkscape:label= on <g>"),
]


@pytest.mark.parametrize("what, body, line, expected", HOSTILE_SVG, ids=[case[0] for case in HOSTILE_SVG])
def test_an_svg_with_anything_active_is_refused_at_its_line(what, body, line, expected):
    found = svg_problem(svg(body).encode(), DENY)
    assert found is not None, what
    assert found[0] == line and expected in found[1], found
    assert "\n" not in found[1]


@pytest.mark.parametrize("what, text, line, expected", [
    ("DOCTYPE with entities", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaa">\n'
                              '<!ENTITY b "&a;&a;&a;&a;">\n]>\n' + svg("<text>&b;</text>"), 2,
     "the SVG image has a <!DOCTYPE svg> declaration, which can define entities that expand or load other files — "
     "delete the DOCTYPE (an SVG image needs none)"),
    ("external entity", '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + svg("<text>&x;</text>"), 1,
     "has a <!DOCTYPE svg> declaration"),
    ("plain DOCTYPE", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                      '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg(""), 1, "<!DOCTYPE svg>"),
    ("stylesheet instruction", '<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/x.css"?>\n'
                               + svg(""), 2, "the SVG image has the processing instruction <?xml-stylesheet …?>, "
                                             "which can load a stylesheet or other files — delete it"),
    ("undeclared entity", svg("<text>&nbsp;</text>"), 2, "the SVG image is not well-formed XML (undefined entity) — "
                                                         "open it in an image editor and save it again as SVG"),
    ("HTML, not SVG", "<html><body onload='alert(1)'></body></html>", 1,
     "the image does not start with <svg xmlns=\"http://www.w3.org/2000/svg\"> — save it again as an SVG image"),
    ("no SVG namespace", "<svg><script>alert(1)</script></svg>", 1, "the image does not start with <svg xmlns="),
])
def test_an_svg_is_read_as_xml_without_doctype_or_instructions(what, text, line, expected):
    found = svg_problem(text.encode(), DENY)
    assert found is not None and found[0] == line and expected in found[1], (what, found)


def test_the_line_of_an_attribute_in_a_start_tag_over_several_lines():
    text = svg('<rect\n  width="4"\n  height="4"\n  fill="red"\n  onmouseover="alert(1)"/>')
    assert svg_problem(text.encode())[0] == 6


def test_icons_and_diagrams_pass():
    diagram = svg("""<title>Stegen</title><desc>Sex steg i en rad</desc>
<defs>
  <linearGradient id="g" x1="0" x2="1" gradientUnits="objectBoundingBox"><stop offset="0" stop-color="#1b3a5c"/>
    <stop offset="1" stop-color="#fff" stop-opacity="0.5"/></linearGradient>
  <marker id="pil" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" markerHeight="4" orient="auto">
    <path d="M0 0 10 5 0 10z"/></marker>
  <clipPath id="c"><circle cx="5" cy="5" r="5"/></clipPath>
  <symbol id="s" viewBox="0 0 2 2"><rect width="2" height="2" rx="0.5"/></symbol>
  <style>.steg { fill: url(#g); stroke: rgb(0, 0, 0); font-family: "Source Sans 3", sans-serif }</style>
</defs>
<g class="steg" transform="translate(1 1) rotate(5) scale(0.5)" clip-path="url(#c)" aria-label="Steg (1)">
  <line x1="0" y1="0" x2="9" y2="9" stroke="#000" stroke-width="0.2" marker-end="url(#pil)"/>
  <use href="#s" x="1" y="1"/><use xlink:href="#s" x="3"/>
  <text x="1" y="9" font-size="2" xml:space="preserve">Steg <tspan font-weight="bold">1</tspan> &amp; 2</text>
  <a href="https://www.polisen.se/"><ellipse cx="5" cy="5" rx="2" ry="1" style="fill: url('#g')"/></a>
  <a href="../samverkan/index.md"><polygon points="0,0 1,1 0,1"/></a>
</g>""")
    assert svg_problem(diagram.encode(), DENY) is None
    for image in (ROOT / "docs" / "assets" / "images").glob("*.svg"):
        assert svg_problem(image.read_bytes()) is None, image


def test_material_s_own_icons_pass_the_allow_list():
    """What icon sets look like in practice (a sample of Material's bundled icons)."""
    icons = Path(material.__file__).parent / "templates" / ".icons"
    sample = sorted(icons.rglob("*.svg"))[::50]
    assert len(sample) > 100
    refused = [(icon.name, svg_problem(icon.read_bytes())) for icon in sample if svg_problem(icon.read_bytes())]
    assert refused == []


@given(st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda body: svg(body).encode())))
def test_any_file_gets_an_answer_from_the_svg_check(data):
    found = svg_problem(data, DENY)
    assert found is None or (found[0] >= 1 and " — " in found[1] and "\n" not in found[1])


@pytest.mark.parametrize("css", ["fill: #fff; stroke: rgba(0,0,0,.5)", "fill:url(#a)", "fill: url( '#a' )",
                                 "transform: translateX(2px) rotate(3deg)", "width: calc(100% - 2px)"])
def test_plain_styles_pass(css):
    assert css_problem(css) is None


# --- names the build writes ----------------------------------------------------------------------

@pytest.mark.parametrize("name, published, what", [
    ("404.md", "404.html in the offline copy", "the 'page not found' page"),
    ("404.en.md", "en/404.html in the offline copy", "the 'page not found' page"),
    ("search.md", "search/index.html", "the search index"),
    ("search.en.md", "en/search/index.html", "the search index"),
    ("search/bild.png", "search/bild.png", "the search index"),
    ("README.txt", "README.txt", "the offline copy's instructions"),
    ("readme.txt", "readme.txt", "the offline copy's instructions"),   # one file once unpacked on Windows or macOS
    ("LÄSMIG.txt", "LÄSMIG.txt", "the offline copy's instructions"),
    ("pdf/nmt-handbok-sv.pdf", "pdf/nmt-handbok-sv.pdf", "the printable PDFs"),
    ("pdf/nmt-handbok-en.pdf", "pdf/nmt-handbok-en.pdf", "the printable PDFs"),
    ("pdf/index.md", "pdf/index.html", "the printable PDFs"),
    ("assets/print/sv.md", "assets/print/sv/index.html", "the print document"),
    ("assets/print/bild.png", "assets/print/bild.png", "the print document"),
    ("sitemap.xml.md", "sitemap.xml.html", None),  # a page name with dots is refused by the name rule instead
])
def test_files_at_names_the_build_writes_are_refused(tmp_path, name, published, what):
    [message] = findings(tmp_path, {name: png() if name.endswith(".png") else "text"})
    if what is None:
        assert "a page name has no dots" in message
    else:
        assert message == (f"docs/{name}:1: this file would be published as {published}, where the build writes "
                           f"{what} — choose another name")


def test_the_theme_s_files_and_a_language_folder_are_taken(tmp_path):
    theme = frozenset({"assets/images/favicon.png", "assets/javascripts/bundle.abc.min.js"})
    messages = findings(tmp_path, {"assets/images/favicon.png": png(), "assets/javascripts/bundle.abc.min.js": "1",
                                   "en/sida.md": "x", "en.md": "x", "enkel.md": "y"}, theme)
    assert messages == [
        "docs/assets/images/favicon.png:1: this file would be published as assets/images/favicon.png, where the "
        "build writes a file of the site's theme — choose another name",
        "docs/assets/javascripts/bundle.abc.min.js:1: this file would be published as "
        "assets/javascripts/bundle.abc.min.js, where the build writes a file of the site's theme — choose another "
        "name",
        "docs/en/sida.md:1: a folder docs/en/ would mix its files into the en site — put a translation beside the "
        "Swedish page as page.en.md, and images in another folder",
    ]


def test_the_theme_files_are_read_from_its_folders_without_its_icons():
    config = load_site_config(ROOT / "mkdocs.yml")
    files = theme_files(config["theme"].dirs)
    assert {"404.html", "sitemap.xml", "main.html", "assets/images/favicon.png"} <= files
    assert not any(name.startswith(".icons") for name in files)


def test_the_offline_zip_refuses_a_site_with_a_file_at_its_instructions_name(tmp_path):
    from pack_offline import site_files
    (tmp_path / "index.html").write_text("x")
    assert site_files(tmp_path) == [tmp_path / "index.html"]
    (tmp_path / "readme.TXT").write_text("fake")
    with pytest.raises(SystemExit, match="has the name of the copy's instructions"):
        site_files(tmp_path)


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\U0010ffff"])
def test_a_page_with_a_control_character_or_noncharacter_is_refused_at_its_line(tmp_path, character):
    [message] = findings(tmp_path, {"sida.md": f"# Rubrik\n\nText.\nMer{character} text.\n"})
    assert message == (f"docs/sida.md:4: the page has an invisible control character (U+{ord(character):04X}) — "
                       "retype the text around it or paste it as plain text")


def test_tabs_line_ends_and_ordinary_letters_are_page_text(tmp_path):
    assert findings(tmp_path, {"sida.md": "# Rubrik\r\n\r\n\tKod\n\nÅÄÖ é ü – “citat” ‑ ­\u00a0\n"}) == []


def test_a_page_with_very_many_headings_is_refused_at_the_first_one_too_many(tmp_path):
    allowed = "".join(f"## Del {n}\n\nText.\n\n" for n in range(300))
    assert findings(tmp_path, {"sida.md": allowed}) == []
    [message] = findings(tmp_path, {"sida.md": allowed + "   ### En till\n"})
    assert message == ("docs/sida.md:1201: the page has more than 300 headings, which the site cannot build in "
                       "reasonable time — split it into several pages")
