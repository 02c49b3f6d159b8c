"""Each theme template is compiled once per build, not once per language pass.

MkDocs makes a new Jinja environment for every pass (static-i18n runs one
pass per language), and each compiles Material's templates again: a third
of a preview rebuild, a tenth of a full build. Jinja's own bytecode cache
keeps the compiled code between environments; it keys each template by its
name and checks its source's checksum, so a changed template is compiled
again and the output does not change.

The preview keeps the cache in its serve folder (preview/reuse.py), so a
save compiles nothing; a full build keeps it in memory for its passes.
"""
from __future__ import annotations

from pathlib import Path

import jinja2

FOLDER = ".nmt-templates"  # in the serve folder: hidden, so MkDocs' cleaning leaves it


class InMemory(jinja2.BytecodeCache):
    """Jinja's cache interface over a dict (Jinja ships file and memcached stores only)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def use_cache(build, env, config) -> None:
    if build.compiled_templates is None:
        if build.reuse:
            folder = Path(config["site_dir"], FOLDER)
            folder.mkdir(parents=True, exist_ok=True)
            build.compiled_templates = jinja2.FileSystemBytecodeCache(str(folder))
        else:
            build.compiled_templates = InMemory()
    env.bytecode_cache = build.compiled_templates
