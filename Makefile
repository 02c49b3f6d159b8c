# NMT handbook. The whole set-up on a fresh machine is `make serve` (preview)
# or `make test` (all checks); both create what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MKDOCS_CONFIG ?= mkdocs.yml
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1
# The build's "today" (review warnings, "the law has changed", "coming change").
# By default the last commit's time, so builds of one commit are identical.
# BUILD_DATE=YYYY-MM-DD or BUILD_DATE=today (the day in Sweden; the daily publish).
ifneq ($(strip $(BUILD_DATE)),)
export SOURCE_DATE_EPOCH := $(shell PYTHONPATH=hooks $(PYTHON) scripts/build_epoch.py '$(BUILD_DATE)')
ifeq ($(SOURCE_DATE_EPOCH),)
$(error BUILD_DATE='$(BUILD_DATE)' is not a date: write it as YYYY-MM-DD, or today)
endif
endif
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build offline pdf test bench bench-quick clean distclean system-packages linkcheck-external lix review-report maintenance-report

# The virtual environment, refreshed when requirements.txt or this file changes. Its .pth file
# puts the project's import roots on the path (the nmt package in hooks/, the
# scripts, the test helpers, the hosting script), so no file changes sys.path.
IMPORT_ROOTS := hooks scripts tests tests/hooks hosting
$(BIN)/.installed: requirements.txt Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	printf '%s\n' $(abspath $(IMPORT_ROOTS)) \
		> "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/nmt-handbook.pth"
	touch $@

# Browser-side test tools (axe-core), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# hooks/nmt/checks/site_config.py reads the configuration before MkDocs does: MkDocs' YAML loader runs
# !!python tags, and mkdocs.yml (which editors change) may hold only the menu and the site's facts.
serve: $(BIN)/.installed
	$(BIN)/python -m nmt.checks.site_config mkdocs.yml
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Build into a temporary folder and replace site/ only when the strict build
# succeeds: a failed build never leaves a broken or missing site/.
# (Never add -q: quiet mode hides warnings from --strict.)
build: $(BIN)/.installed
	rm -rf $(SITE_DIR).tmp
	$(BIN)/python -m nmt.checks.site_config $(MKDOCS_CONFIG)
	NMT_REGION='$(REGION)' $(BIN)/mkdocs build --strict --config-file $(MKDOCS_CONFIG) --site-dir $(SITE_DIR).tmp \
		|| { rm -rf $(SITE_DIR).tmp; exit 1; }
	rm -rf $(SITE_DIR).old
	if [ -d $(SITE_DIR) ]; then mv $(SITE_DIR) $(SITE_DIR).old; fi
	mv $(SITE_DIR).tmp $(SITE_DIR)
	rm -rf $(SITE_DIR).old

# The offline copy: site-offline/ and dist/nmt-handbok-<date>-<rev>.zip + SHA256SUMS.
# A region's copy: `make offline REGION=path/to/region` (a folder with region.yml and docs/,
# here under regions/ or anywhere else) adds its supplements: dist/nmt-handbok-<id>-<date>-<rev>.zip.
# -o: the venv is already up to date here, and make does not pass its own -o on to
# the inner make (a test packs a fresh clone with this venv: the inner make would
# write the clone's folders into the venv's import roots).
offline: $(BIN)/.installed system-packages
	$(MAKE) --no-print-directory -o $(BIN)/.installed build MKDOCS_CONFIG=mkdocs-offline.yml SITE_DIR=site-offline REGION='$(REGION)'
	$(BIN)/python scripts/make_pdf.py --site site-offline --out site-offline/pdf
	$(BIN)/python scripts/pack_offline.py site-offline dist $(if $(strip $(REGION)),--region '$(REGION)')

# One PDF per language of the whole handbook (Chromium print-to-PDF), in dist/
# and in the site's pdf/ folder, where the About page links to them.
pdf: build system-packages
	$(BIN)/python scripts/make_pdf.py --site $(SITE_DIR) --out dist
	mkdir -p $(SITE_DIR)/pdf && cp dist/nmt-handbok-sv.pdf dist/nmt-handbok-en.pdf $(SITE_DIR)/pdf/

system-packages:
	scripts/need.sh chromium:chromium /usr/sbin/nginx:nginx pdftotext:poppler-utils

test: $(BIN)/.installed node_modules/.installed system-packages
	$(BIN)/python -m pytest

# Benchmarks, not tests (`make test` does not run them): a generated handbook of
# 100/500/2000 pages per language in .bench/ plus the real site; figures in BENCHMARKS.md.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --silent --no-audit --no-fund
	touch $@

bench: $(BIN)/.installed bench/node_modules/.installed system-packages
	$(BIN)/python bench/run.py --sizes 100 500 2000 --out BENCHMARKS.md

bench-quick: $(BIN)/.installed bench/node_modules/.installed system-packages
	$(BIN)/python bench/run.py --sizes 100 500 --out BENCHMARKS.md

# Optional: needs the internet, so it is not part of `make test`.
linkcheck-external: $(BIN)/.installed
	$(BIN)/python scripts/linkcheck_external.py

# Pages whose review is overdue or due within 30 days, per language, with owner.
review-report: $(BIN)/.installed
	$(BIN)/python scripts/review_report.py

# Everything that needs a person, per owner: reviews due, law changes, outside links
# (the link part needs the internet and says so when it has none). The weekly
# workflow runs it with REPORT_ARGS=--github-issue.
maintenance-report: $(BIN)/.installed
	$(BIN)/python scripts/maintenance_report.py $(REPORT_ARGS)

# Readability (LIX) of every Swedish page, and the easy-to-read pages against
# their limit (LIX 25, the same check as the build; fails when one is above it).
lix: $(BIN)/.installed
	$(BIN)/python scripts/lix.py docs

clean:
	rm -rf site site.tmp site.old site-offline site-offline.tmp site-offline.old dist .pytest_cache tests/artifacts .bench

distclean: clean
	rm -rf $(VENV) node_modules bench/node_modules
