"""Pack the offline build into dist/nmt-handbok-<YYYY-MM-DD>-<rev>.zip + dist/SHA256SUMS.

A region's copy (`make offline REGION=path`) is named with the region's id:
dist/nmt-handbok-<id>-<YYYY-MM-DD>-<rev>.zip, the id read from its region.yml
by the same reader as the build (registers/regions.py).

The zip holds one top folder with index.html, en/index.html and the
instructions LÄSMIG.txt and README.txt (one text, Swedish and English). It is
reproducible: files in sorted order, every timestamp set from
SOURCE_DATE_EPOCH (or the last commit's time), fixed permissions and
compression, so two packs of one commit are byte-identical and a region can
verify its copy with the published checksum.

Usage: python scripts/pack_offline.py SITE_DIR DIST_DIR [--region REGION_FOLDER]
"""
from __future__ import annotations

import datetime
import hashlib
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from nmt.core.dates import utc_day
from nmt.core.site_facts import build_timestamp, git_revision, load_site_config
from nmt.checks.source_files import OFFLINE_README_NAMES
from nmt.registers.regions import region_id

README = """NMT-handboken – offlinekopia / The NMT Handbook – offline copy
Version {date}, git {revision}

SVENSKA
Så öppnar du kopian:
  1. Packa upp zip-filen.
  2. Öppna index.html i den här mappen (dubbelklicka). Den svenska
     startsidan öppnas. Den engelska startsidan är en/index.html.
  Kopian fungerar utan internet, med sökning, och hämtar inget från
  andra webbplatser.

Så lägger du kopian på en webbserver (intranät):
  Lägg alla filer i mappen på servern. En inställning för nginx finns i
  handbokens källkod, mappen hosting/ ({source}).

Kontrollera att kopian är hel:
  Jämför zip-filens SHA-256-summa med filen SHA256SUMS:
  Linux/Mac:  sha256sum -c SHA256SUMS
  Windows:    Get-FileHash <zip-filen> -Algorithm SHA256

Webbplatsen på nätet: {site_url}

ENGLISH
To open the copy:
  1. Unpack the zip file.
  2. Open index.html in this folder (double-click). The Swedish start
     page opens. The English start page is en/index.html.
  The copy works without internet access, search included, and loads
  nothing from other websites.

To host the copy on a web server (intranet):
  Put all the files in one folder on the server. An nginx configuration
  is in the handbook's source code, folder hosting/ ({source}).

To check that the copy is complete:
  Compare the zip file's SHA-256 sum with the file SHA256SUMS:
  Linux/Mac:  sha256sum -c SHA256SUMS
  Windows:    Get-FileHash <zip file> -Algorithm SHA256

The site online: {site_url}
"""


def zip_time(timestamp: int) -> tuple:
    moment = datetime.datetime.fromtimestamp(max(timestamp, 315532800), datetime.timezone.utc)  # zip starts 1980
    return moment.timetuple()[:6]


def add(archive: zipfile.ZipFile, name: str, data: bytes, when: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever the packing machine is
    archive.writestr(info, data, compresslevel=9)


def site_files(site: Path) -> list[Path]:
    """The built files in sorted order; a file at the name of the instructions would make
    two entries of one name (or two names that Windows and macOS unpack as one)."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    taken = {name.lower() for name in OFFLINE_README_NAMES}
    clashes = [path for path in files if path.relative_to(site).as_posix().lower() in taken]
    if clashes:
        raise SystemExit(f"{clashes[0]} has the name of the copy's instructions, which the zip adds itself — "
                         "remove it from the site (the build refuses such a file under docs/)")
    return files


def pack(site: Path, dist: Path, site_url: str, source: str, region: str | None = None) -> Path:
    timestamp = build_timestamp()
    date = utc_day(timestamp).isoformat()
    revision = git_revision() or "unknown"
    top = f"nmt-handbok-{region + '-' if region else ''}{date}-{revision}"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{top}.zip"
    when = zip_time(timestamp)
    with zipfile.ZipFile(target, "w") as archive:
        readme = README.format(date=date, revision=revision, site_url=site_url, source=source)
        for name in OFFLINE_README_NAMES:
            add(archive, f"{top}/{name}", readme.encode("utf-8"), when)
        for path in site_files(site):
            add(archive, f"{top}/{path.relative_to(site).as_posix()}", path.read_bytes(), when)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    (dist / "SHA256SUMS").write_text(f"{digest}  {target.name}\n", "utf-8")
    return target


def main(argv: list[str]) -> int:
    site, dist = Path(argv[1]), Path(argv[2])
    if not (site / "index.html").exists() or not (site / "en" / "index.html").exists():
        print(f"{site} is not a built offline site: run `make offline`", file=sys.stderr)
        return 1
    region = None
    if argv[3:4] == ["--region"] and len(argv) == 5:
        region, problem = region_id(Path(argv[4]))
        if problem:
            print(problem, file=sys.stderr)
            return 1
    config = load_site_config(ROOT / "mkdocs.yml")
    target = pack(site, dist, config["site_url"], config["repo_url"], region)
    files = len(zipfile.ZipFile(target).namelist())
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB, {files} files); checksum in {dist / 'SHA256SUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
