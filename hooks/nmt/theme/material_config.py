"""Material's page settings (the `__config` JSON in every page), changed in one place.

Material writes the settings its JavaScript reads (search base, search
worker, translations) as `<script id="__config" type="application/json">`
with Jinja's `tojson`. Our search steps change two of them; here the JSON is
parsed, changed and written back exactly as `tojson` writes it, so a page
whose settings need no change stays byte-identical.
"""
from __future__ import annotations

import json
import re

from jinja2.utils import htmlsafe_json_dumps

CONFIG = re.compile(r'(<script id="__config" type="application/json">)([^<]*)(</script>)')


def change_settings(html: str, change) -> str:
    """The page with change(settings) applied to its __config settings (a page without them is unchanged)."""
    match = CONFIG.search(html)
    if match is None:
        return html
    settings = json.loads(match.group(2))
    change(settings)
    written = str(htmlsafe_json_dumps(settings, dumps=lambda value: json.dumps(value, sort_keys=True)))
    return html[:match.start(2)] + written + html[match.end(2):]
