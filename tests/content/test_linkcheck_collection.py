"""The optional outside-link check finds every https address with its place
(no network: only the collection is tested)."""
from linkcheck_external import external_links


def test_collects_page_links_and_yaml_urls_with_lines(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\nsources:\n  - title: S\n    url: https://s.se/\n---\n[x](https://x.se/a)\n"
                               "`[y](https://y.se)`\n[z](http://z.se/) [m](mailto:a@b.se)\n")
    (docs / "glossary.yml").write_text("- source: {title: T, url: \"https://g.se/\"}\n")
    # http: links are checked too (the build refuses them separately); code and other schemes are not links.
    assert external_links(docs) == {"https://s.se/": ["docs/a.md:4"], "https://x.se/a": ["docs/a.md:6"],
                                    "http://z.se/": ["docs/a.md:8"], "https://g.se/": ["docs/glossary.yml:1"]}
