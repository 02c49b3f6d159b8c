"""The build, step by step: the only file in `hooks:` of mkdocs.yml.

Read it top to bottom. Each MkDocs event below lists the steps that run in
it, in the order they run. The steps are plain functions of the concern
modules (one concern per module, see hooks/README.md); they get what they
need as arguments, and what they share lives in one `Build` object
(core/state.py), made at the start of the outer pass.

Two plugins decide the priorities (higher runs earlier; plugins and hooks at
the same priority run in the order of mkdocs.yml, hooks last):

- static-i18n builds one language per pass. The default language is the
  outer pass; every other language is built *inside* its on_post_build
  (priority -100), with the same config object. It sets the pass's language
  in on_config (-100), sorts the files per language in on_files (-100) and
  sets its language links in on_page_context (50). Here that nested build
  runs in a second process from the outer pass's on_nav on, beside the
  Swedish pages, and its results are taken over where static-i18n would have
  run it (core/language_processes.py).
- Material's search plugin indexes a page in on_page_context (0) and writes
  the index in on_post_build (0); static-i18n merges the languages' indexes
  and Material's offline plugin inlines the result, both at -100.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

from nmt.blocks import audiences, build_facts, glossary_text, last_updated, regional, statute_text, step_guide, whats_new
from nmt.checks import front_matter, raw_html, readability, site_config, source_files, translation_parity
from nmt.checks import links as link_checks
from nmt.checks import validation_messages
from nmt.core import language_processes, memory, strings
from nmt.core.findings import report_crashes_in_one_line, run_step
from nmt.core.pages import current_language, docs_prefix, is_outer_pass, page_key
from nmt.core.site_facts import build_date, default_language, git_revision, is_preview
from nmt.core.site_facts import site_languages as languages
from nmt.core.state import Build, attach, build_of
from nmt.output import admin, feed, guard, not_found_pages, print_book, redirect_pages, review_dates, vendored_scripts
from nmt.preview import findings as preview_findings
from nmt.preview import reuse as preview_reuse
from nmt.registers import glossary, redirects, regions, statutes, steps
from nmt.search import enrichment as search_enrichment
from nmt.search import per_language as search_per_language
from nmt.search import swedish as search_swedish
from nmt.theme import compiled_templates, escaping, language_switcher, material_config

# Named for what they order against (see the module docstring).
AFTER_I18N_SET_LANGUAGE = -200   # on_config: static-i18n (-100) has set this pass's language
BEFORE_I18N_SORTS_FILES = 100    # on_files: every file of every language is still there
AFTER_I18N_SORTS_FILES = -200    # on_nav: this pass's files are final and carry their locale
AFTER_I18N_AND_SEARCH = -100     # on_page_context: after static-i18n's links (50) and search's entry (0)
AFTER_I18N_AND_OFFLINE = -200    # on_post_build: static-i18n merged the indexes, offline inlined them (-100)
LAST = -300                      # on_post_page / on_post_template: nothing changes the HTML after the guard


def _run(config):
    """The step runner of this build: runs a step, times it (NMT_HOOK_TIMING=1), never shows a traceback."""
    build = build_of(config)
    return lambda step, *args: run_step(step, build.seconds, *args)


def on_serve(server, config, builder):
    # `make serve` only, once, before it starts watching.
    _run(config)(preview_reuse.watch_closely, server, config)
    return server


@event_priority(AFTER_I18N_SET_LANGUAGE)
def on_config(config):
    if is_outer_pass(config):
        # First, before any step reads the configuration: mkdocs.yml holds only the menu and the
        # site's facts, and MkDocs loaded no hook but the developers' (see checks/site_config.py).
        run_step(site_config.check, None, config)
        build = attach(config, Build(preview=is_preview(config), today=build_date(),
                                     revision=git_revision(Path(config["config_file_path"]).parent),
                                     default_language=default_language(config), languages=languages(config),
                                     seconds={} if os.environ.get("NMT_HOOK_TIMING") else None))
        run = _run(config)
        run(validation_messages.attach, config)   # MkDocs' own link messages get file:line and advice
        run(regions.choose, build, config)        # a region's copy (REGION=…) or the site's regions/
        run(regional.use_assets, build, config)   # their stylesheet (and picker) only when a region is shown
        report_crashes_in_one_line(build, docs_prefix(config))  # no traceback from Markdown itself either
        if build.preview:
            run(preview_findings.start, build)    # collect every warning for the panel
    else:
        _run(config)(language_processes.write_to_own_folder, build_of(config), config)  # the second process's pass
    return config


def on_pre_build(config):
    run, build = _run(config), build_of(config)
    if is_outer_pass(config):
        run(source_files.check, config)  # first, before any step reads a file: no symlinks, known types, UTF-8 …
        # The data files, read once per build; each step stops the build with file:line when its file is unusable.
        run(statutes.load, build, config)
        run(glossary.load, build, config)
        run(redirects.load, build, config)
        run(steps.load, build, config)
        run(last_updated.load, build, config)
        run(regions.load, build, config)   # after glossary, statutes and redirects: supplements are checked with them
        if preview_reuse.wanted(build.preview):
            run(preview_reuse.start, build, config)  # `make serve`: rebuild only what a save changed
    build.begin(current_language(config))


@event_priority(BEFORE_I18N_SORTS_FILES)
def on_files(files, config):
    if is_outer_pass(config):
        # Before static-i18n refuses a.md + a.sv.md with a traceback.
        _run(config)(translation_parity.check, files, config)
    _run(config)(regional.add_asset_files, build_of(config), files, config)  # every pass: the pages load them
    return files


@event_priority(AFTER_I18N_SORTS_FILES)
def on_nav(nav, config, files):
    run, build = _run(config), build_of(config)
    if is_outer_pass(config):
        # First: from here the other languages are built in a second process, beside this pass.
        run(language_processes.start, build, config)
    now = build.now(current_language(config))
    if build.reuse:
        run(preview_reuse.reuse_unchanged_pages, build, files, config)  # before MkDocs reads any page
    run(redirects.check_targets, build, now, files)
    run(guard.learn_scripts, now, files, config)
    run(whats_new.collect, build, now, files, config)
    run(feed.write_feed, build, now, config)    # needs only the files' notes, so it is written here
    run(print_book.record_order, build, now, nav, files, config)  # which pages the PDF holds, in nav order
    return nav


def on_env(env, config, files):
    # After every page's front matter was read, before any template renders.
    run = _run(config)
    run(compiled_templates.use_cache, build_of(config), env, config)
    run(escaping.escape_front_matter, files)
    run(strings.add_to_templates, env, default_language(config))
    run(language_switcher.link_homes_for_theme_pages, config, default_language(config))  # 404.html renders next
    return env


def on_pre_page(page, config, files):
    build_of(config).current_page = page_key(page, config)  # what is logged from here on is this page's
    return page


def on_page_markdown(markdown, page, config, files):
    run, build = _run(config), build_of(config)
    # Checks of what the editor wrote (the source file, not the text below).
    run(front_matter.check, page, config)
    run(readability.check, page, config)   # a Swedish page marked easy_read: true at LIX 25 or below
    run(link_checks.check_source, page, config)
    run(last_updated.set_date, build, page)
    # Steps that add text, in the order their text appears on the page.
    markdown = run(statute_text.add_register_text, build, markdown, page, config)  # table, history, notice
    # A region's supplement after the national text, before the glossary and statute links reach it.
    markdown = run(regional.add_supplement, build, markdown, page, config)
    markdown = run(glossary_text.add_and_link_terms, build, markdown, page, config)
    markdown = run(build_facts.add_facts, build, markdown, page, config)
    markdown = run(audiences.add_audiences, markdown, page, config, files)
    markdown = run(whats_new.add_listing, build, markdown, page, config)
    markdown = run(step_guide.add_guide, build, markdown, page, config, files)
    # Last: generated text is linked like written text (an sfs: link in a glossary definition too).
    markdown = run(statute_text.link_statutes_in, build, markdown, page, config)
    run(review_dates.record, build, page, config)   # after statute_text noted the page's law changes
    return markdown


def on_page_content(html, page, config, files):
    run, build = _run(config), build_of(config)
    run(raw_html.check, html, page, config)          # what Markdown produced, before anything is added
    run(link_checks.check_content, html, page, config)
    html = run(step_guide.keep_guide_out_of_search, build, html, page)
    html = run(regional.date_review_boxes, build, html, page, config)   # after raw_html: the template's own attributes
    build.current_page = None  # MkDocs reads the other pages before it builds this one
    return html


@event_priority(AFTER_I18N_AND_SEARCH)
def on_page_context(context, page, config, nav):
    run, build = _run(config), build_of(config)
    build.current_page = page_key(page, config)
    run(build_facts.add_build_date, build, context)
    run(language_switcher.link_counterparts, page, config)
    run(search_enrichment.enrich_entry, build, page, config)
    run(regional.label_in_search, build, page, config)   # a region's copy: results say which region
    return context


def _search_settings(config):
    """The change to a page's search settings: our Swedish worker, and this language's own index."""
    language, default = current_language(config), default_language(config)

    def change(settings: dict) -> None:
        search_swedish.use_our_worker(settings, language, default)  # the worker starts on its language's index
        if language != default:
            search_per_language.point_search_at(settings, language)
    return change


@event_priority(LAST)
def on_post_page(output, page, config):
    run, build = _run(config), build_of(config)
    output = run(material_config.change_settings, output, _search_settings(config))
    run(redirect_pages.write_for, build, build.now(current_language(config)), page, config)  # its title is known now
    output = run(guard.guard_page, build, output, page, config)  # last: the page as readers get it
    run(print_book.collect, build.now(current_language(config)), output, page)  # its article, for the PDF
    if build.reuse:
        run(preview_reuse.remember, build, page, config)
    run(memory.release_text, page)   # last: the page is written, its Markdown and HTML are not needed
    build.current_page = None
    return output


@event_priority(LAST)
def on_post_template(output, template_name, config):
    """Theme pages that are not built from docs/ (404.html, sitemap.xml)."""
    if not template_name.endswith(".html"):
        return output
    run, build = _run(config), build_of(config)
    output = run(material_config.change_settings, output, _search_settings(config))
    output = run(guard.guard_template, build, output, template_name, config)
    if template_name == "404.html":
        # MkDocs writes 404.html to the site root in every pass: keep the default language's there.
        output = run(not_found_pages.place, build, output, config)
    return output


def _finish_language(run, build, config):
    """What each language's folder gets last (the languages side by side: core/language_processes.py)."""
    def finish(language):
        run(guard.guard_search_index_of, build, config, language)  # first: the next step replaces the entries
        run(search_per_language.write_engine_index_of, build, config, language)
        run(print_book.write_language, build, config, language)    # the print document, for make_pdf.py
        if language == build.default_language:
            run(admin.write_admin, build, config)  # the editor at /admin/ (not offline): not a reader page, own check
    return finish


@event_priority(AFTER_I18N_AND_OFFLINE)
def on_post_build(config):
    if not is_outer_pass(config):
        return  # static-i18n's nested pass: the whole site is not there yet
    run, build = _run(config), build_of(config)
    run(glossary_text.summarise, build)
    run(review_dates.write_report, build, config)
    if build.reuse:
        run(preview_reuse.complete_search_index, build, config)
    run(search_per_language.split_index, config)   # also copies sitemap.xml next to each language's base
    run(vendored_scripts.use_local_copies_in_bundle, config)
    run(print_book.write_stylesheet, build, config)   # the print documents', written next
    run(language_processes.each_language, build, config, _finish_language(run, build, config))  # side by side
    if build.preview:
        written_since = run(preview_reuse.write_record, build, config) if build.reuse else None
        run(preview_findings.show_on_pages, build, config, written_since)  # last: every finding is in
    run(memory.remove, build)   # the build's temporary folder: a build leaves nothing behind
    if build.seconds is not None:  # for bench/hooks_overhead.py
        print("hook seconds: " + json.dumps({module: round(seconds, 3) for module, seconds
                                             in sorted(build.seconds.items())}), file=sys.stderr)
