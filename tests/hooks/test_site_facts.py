"""One module for the site's facts: configuration, languages, build date, revision."""
import datetime

from nmt.core.site_facts import ROOT, build_date, build_timestamp, default_language_page, has_language_suffix, is_preview, language_of, load_site_config, site_languages


def test_the_offline_configuration_is_read_with_inherit_and_env_by_mkdocs_own_loader(tmp_path, monkeypatch):
    offline = load_site_config(ROOT / "mkdocs-offline.yml")
    assert offline["site_url"] == "https://handbok.nmt.example/"        # inherited from mkdocs.yml
    assert "material/offline" in offline["plugins"] and offline["extra"]["offline_copy"] is True
    monkeypatch.setenv("NMT_TEST_SITE_NAME", "Från miljön")
    # Beside mkdocs.yml: the inherited relative paths (docs/, overrides/, hooks/) resolve from there.
    config = ROOT / f".test-env-{tmp_path.name}.yml"
    config.write_text("INHERIT: mkdocs.yml\nsite_name: !ENV NMT_TEST_SITE_NAME\n", "utf-8")
    try:
        assert load_site_config(config)["site_name"] == "Från miljön"
    finally:
        config.unlink()


def test_languages_default_first_and_the_language_of_a_file_name():
    assert site_languages(load_site_config(ROOT / "mkdocs.yml")) == ["sv", "en"]
    assert language_of("lagstiftning/koppleri.en.md", "sv", ["sv", "en"]) == "en"
    assert language_of("lagstiftning/koppleri.md", "sv", ["sv", "en"]) == "sv"
    assert language_of("a.fr.md", "sv", ["sv", "en"]) == "sv"


def test_the_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    assert build_timestamp() == 1798761600 and build_date() == datetime.date(2027, 1, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() <= datetime.datetime.now(datetime.timezone.utc).date()


def test_suffix_helpers_name_the_default_language_page():
    assert has_language_suffix("samverkan/barn.en.md") and not has_language_suffix("samverkan/barn.md")
    assert default_language_page("samverkan/barn.en.md") == "samverkan/barn.md"
    assert default_language_page("samverkan/barn.md") == "samverkan/barn.md"


def test_the_preview_is_told_by_the_address_mkdocs_serve_gives_the_site():
    config = load_site_config(ROOT / "mkdocs.yml")
    assert not is_preview(config)                       # https://handbok.nmt.example/
    config["site_url"] = "http://127.0.0.1:8000/"       # what `mkdocs serve` sets for every rebuild
    assert is_preview(config)
    config["site_url"] = "http://127.0.0.1:8001/"       # another server's address
    assert not is_preview(config)
