from statute_links import check_references, link_statutes, load_register, statute_table

REGISTER = """
- sfs: "1962:700"
  short: BrB
  name: {sv: Brottsbalk, en: Swedish Criminal Code}
  url: https://www.riksdagen.se/brottsbalk/
  provisions:
    - section: {sv: 4 kap. 1 a §, en: "Chapter 4, Section 1 a"}
      anchor: K4P1a
      title: {sv: Människohandel, en: Trafficking in human beings}
      covers: {sv: Rekrytering för exploatering, en: Recruiting for exploitation}
      in_force: 2002-07-01
      current_since: 2018-07-01
      page: lagstiftning/manniskohandel.md
"""


def register(tmp_path):
    (tmp_path / "lagstiftning").mkdir()
    (tmp_path / "lagstiftning" / "manniskohandel.md").write_text("x")
    statutes, findings = load_register(REGISTER, "docs/statutes.yml", ["sv", "en"], tmp_path)
    assert findings == []
    return statutes


def test_sfs_links_become_official_links_with_the_section_anchor(tmp_path):
    text = "Se [4 kap. 1 a §](sfs:1962:700#K4P1a) och `sfs:1962:700`.\n\n[ref]: sfs:1962:700\n"
    assert link_statutes(text, register(tmp_path)) == (
        "Se [4 kap. 1 a §](https://www.riksdagen.se/brottsbalk/#K4P1a) och `sfs:1962:700`.\n\n"
        "[ref]: https://www.riksdagen.se/brottsbalk/\n")


def test_unknown_and_malformed_numbers_are_errors_with_line(tmp_path):
    text = "rad\n[a](sfs:1962:7000)\n[b](sfs:1962-700)\n"
    findings = check_references(text, "docs/a.md", register(tmp_path))
    assert [(f.line, f.message.split(" —")[0]) for f in findings] == [
        (2, "SFS 1962:7000 is not in docs/statutes.yml (did you mean 1962:700?)"),
        (3, "'sfs:1962-700' is not an SFS number")]


def test_overview_table_links_our_page_and_the_official_section(tmp_path):
    table = statute_table(register(tmp_path), "en", "lagstiftning/index.en.md")
    assert "| [Trafficking in human beings](manniskohandel.md) — Chapter 4, Section 1 a " in table
    assert "[Swedish Criminal Code (1962:700)](https://www.riksdagen.se/brottsbalk/#K4P1a)" in table
    assert "2002-07-01 (current wording since 2018-07-01)" in table


def test_register_problems_name_the_line(tmp_path):
    statutes, findings = load_register(REGISTER.replace("https://www", "http://www"), "docs/statutes.yml",
                                       ["sv", "en"], tmp_path)
    assert [(f.line, f.message) for f in findings][0] == (
        5, "SFS 1962:700: 'url' must be the https address of the official text")
