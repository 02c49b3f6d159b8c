"""Build a fixture site in-process and collect what the build told the editor.

A fixture is tests/fixtures/valid-site plus an overlay folder from
tests/fixtures/errors/<kind>/: its files replace the site's files, a file
named DELETE lists site files to remove, and expected.txt holds the exact
lines the build must print.
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import mkdocs.utils
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from nmt.core.findings import ENGINE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
VALID_SITE = FIXTURES / "valid-site"
ERRORS = FIXTURES / "errors"
OVERLAY_ONLY = {"expected.txt", "DELETE", "README.md"}


def make_site(target: Path, overlay: Path | None = None) -> Path:
    shutil.copytree(VALID_SITE, target)
    # mkdocs-base.yml's relative paths (custom_dir, hooks, extra_css …) are read from this folder.
    for folder in ("hooks", "overrides"):
        (target / folder).symlink_to(ROOT / folder, target_is_directory=True)
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    for source in overlay.rglob("*") if overlay is not None else []:
        relative = source.relative_to(overlay)
        if source.is_file() and relative.name not in OVERLAY_ONLY:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / relative)
    delete = overlay / "DELETE" if overlay is not None else None
    for line in delete.read_text("utf-8").splitlines() if delete and delete.exists() else []:
        if line.strip():
            (target / line.strip()).unlink()
    config = target / "mkdocs.yml"  # after the overlay: a fixture may bring its own mkdocs.yml
    config.write_text(config.read_text("utf-8").replace("{repo}", ROOT.as_posix()), "utf-8")
    return target


@dataclass
class BuildResult:
    succeeded: bool
    messages: list[str]  # warnings and errors, as the editor reads them


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(site: Path, config_name: str = "mkdocs.yml") -> BuildResult:
    collect = Collect()
    logger = logging.getLogger(ENGINE)  # "mkdocs", or "properdocs" under ProperDocs
    logger.addHandler(collect)
    # static-i18n swaps this function during its nested build and does not put
    # it back when that build aborts; restore it so builds stay independent.
    clean_directory = mkdocs.utils.clean_directory
    try:
        config = load_config(str(site / config_name), strict=True, site_dir=str(site / "site"))
        build(config)
        succeeded = True
    except Abort:
        succeeded = False
    finally:
        mkdocs.utils.clean_directory = clean_directory
        logger.removeHandler(collect)
    return BuildResult(succeeded, collect.messages)
