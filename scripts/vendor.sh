#!/usr/bin/env bash
# Refresh the third-party browser scripts and the print fonts in docs/assets/vendor from npm.
# Versions are pinned here; bump them on purpose and rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent resize-observer-polyfill@1.5.1 iframe-worker@1.0.4 \
  source-sans@3.52.0 source-code-pro@2.42.0 >/dev/null)
vendor=docs/assets/vendor
tar xzf "$work"/resize-observer-polyfill-1.5.1.tgz -C "$work" package/dist/ResizeObserver.js package/LICENSE
cp "$work"/package/dist/ResizeObserver.js "$vendor"/resize-observer-polyfill/ResizeObserver.js
cp "$work"/package/LICENSE "$vendor"/resize-observer-polyfill/LICENSE.txt
rm -rf "$work"/package
tar xzf "$work"/iframe-worker-1.0.4.tgz -C "$work" package/shim/index.js package/LICENSE
# The local change README.txt explains: one bootstrap text on every page (one CSP hash).
sed 's/{filename:"${e}",error}/{filename:"",error}/' "$work"/package/shim/index.js > "$vendor"/iframe-worker/shim.js
grep -q '{filename:"",error}' "$vendor"/iframe-worker/shim.js
cp "$work"/package/LICENSE "$vendor"/iframe-worker/LICENSE.txt
rm -rf "$work"/package
# The PDFs' fonts (TrueType: Chromium takes them from fontconfig for the running
# header and footer too, see scripts/make_pdf.py). Regular, italic, bold, bold italic.
mkdir -p "$vendor"/fonts
tar xzf "$work"/source-sans-3.52.0.tgz -C "$work" package/TTF package/LICENSE.md
for style in Regular It Bold BoldIt; do
  cp "$work"/package/TTF/SourceSans3-$style.ttf "$vendor"/fonts/
done
cp "$work"/package/LICENSE.md "$vendor"/fonts/LICENSE-source-sans.txt
rm -rf "$work"/package
tar xzf "$work"/source-code-pro-2.42.0.tgz -C "$work" package/TTF/SourceCodePro-Regular.ttf package/LICENSE.md
cp "$work"/package/TTF/SourceCodePro-Regular.ttf "$vendor"/fonts/
cp "$work"/package/LICENSE.md "$vendor"/fonts/LICENSE-source-code-pro.txt
(cd "$vendor"/fonts && sha256sum -- *.ttf > SHA256SUMS.txt)
echo "vendored scripts and fonts refreshed in $vendor"
