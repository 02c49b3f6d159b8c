"""Point Material's on-demand script loads at our own copies.

Material's bundle loads two scripts from unpkg.com when a page needs them:
a ResizeObserver polyfill (old browsers) and mermaid (diagrams). The site
must never contact another host, so after the build we replace those URLs
with files under assets/vendor/ (see docs/assets/vendor/README.txt).
Mermaid is not vendored because the handbook has no diagrams: its loader
only runs for class="mermaid" elements, which our Markdown set-up never
produces; the local URL makes a stray one fail locally instead of leaking.
"""
from __future__ import annotations

from pathlib import Path

from nmt.core.findings import LOG

# Outside URL in Material's bundle → path below the site root.
LOCAL_COPIES = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill/ResizeObserver.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid/mermaid.min.js",
}


def use_local_copies(script: str, copies: dict[str, str]) -> tuple[str, list[str]]:
    """Replace each quoted outside URL with an expression for the local copy.

    __md_scope is Material's URL of the site root, defined before the bundle
    runs, so the copy is found from pages at any depth (and on file://).
    Returns the new script and the URLs that were not found. A bundle that
    already has the local copy is left as it is: the preview (preview/reuse.py)
    keeps the assets of the previous rebuild.
    """
    missing = []
    for url, local in copies.items():
        quoted, replacement = f'"{url}"', f'new URL("{local}",__md_scope).href'
        if quoted not in script and replacement not in script:
            missing.append(url)
        script = script.replace(quoted, replacement)
    return script, missing


# Material fetches sitemap.xml next to the address of every <link rel="alternate">
# to map pages between languages. Our hreflang links are absolute (site_url), so
# that would be a request to the published host from a copy, a preview or a test
# server, and the language switcher already links page to page
# (theme/language_switcher.py). The lookup is pointed at links no page has.
SITEMAP_LOOKUP = ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-nmt-no-lookup]")')


def without_sitemap_lookup(script: str) -> tuple[str, bool]:
    """The bundle with Material's alternate-link sitemap lookup switched off, and whether it was found."""
    found = SITEMAP_LOOKUP[0] in script
    return script.replace(*SITEMAP_LOOKUP), found


def use_local_copies_in_bundle(config) -> None:
    for bundle in Path(config["site_dir"], "assets", "javascripts").glob("bundle.*.min.js"):
        script, missing = use_local_copies(bundle.read_text("utf-8"), LOCAL_COPIES)
        script, found = without_sitemap_lookup(script)
        if not found and SITEMAP_LOOKUP[1] not in script:
            missing.append(f"the sitemap lookup {SITEMAP_LOOKUP[0]}")
        bundle.write_text(script, "utf-8")
        for url in missing:
            LOG.error(
                f"{bundle.name}: Material no longer has {url} — update hooks/nmt/output/vendored_scripts.py "
                "(a developer task, not an editing error)."
            )
