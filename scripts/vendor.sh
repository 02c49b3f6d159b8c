#!/usr/bin/env bash
# Refresh the third-party browser scripts and the print fonts in docs/assets/vendor, and the
# editor's Sveltia CMS in admin/vendor, from npm. Versions are pinned here; bump them on purpose
# and rebuild (MAINTAINING.md says what to check when Sveltia CMS changes).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent resize-observer-polyfill@1.5.1 iframe-worker@1.0.4 \
  source-sans@3.52.0 source-code-pro@2.42.0 @sveltia/cms@0.221.1 >/dev/null)
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
# The editor at /admin/ (hooks/nmt/output/admin.py copies these into the site, never into the offline
# copy): the browser bundle and its Swedish interface strings, which the bundle would otherwise
# fetch from unpkg.com (admin/start.js serves them from the site instead).
admin=admin/vendor
mkdir -p "$admin"/locales "$admin"/fonts
tar xzf "$work"/sveltia-cms-0.221.1.tgz -C "$work" package/dist/sveltia-cms.js package/locales/sv.json \
  package/LICENSE.txt package/package.json package/npm/assets
grep -q '"version": "0.221.1"' "$work"/package/package.json
# Local change (admin/vendor/README.txt): the bundle's style sheet loads its three fonts from
# cdn.jsdelivr.net; the package ships the same fonts, which the site serves from vendor/fonts/.
jsdelivr=https://cdn.jsdelivr.net/fontsource/fonts
sed -e "s#$jsdelivr/source-sans-3:vf@5.3.0/latin-wght-normal.woff2#vendor/fonts/source-sans-3.woff2#" \
    -e "s#$jsdelivr/noto-mono@5.3.0/latin-400-normal.woff2#vendor/fonts/noto-mono.woff2#" \
    -e "s#$jsdelivr/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2#vendor/fonts/material-symbols-outlined.woff2#" \
    "$work"/package/dist/sveltia-cms.js > "$admin"/sveltia-cms.js
! grep -q 'cdn.jsdelivr.net' "$admin"/sveltia-cms.js
assets="$work"/package/npm/assets
cp "$assets"/source-sans-3-latin-wght-normal-*.woff2 "$admin"/fonts/source-sans-3.woff2
cp "$assets"/noto-mono-latin-400-normal-*.woff2 "$admin"/fonts/noto-mono.woff2
cp "$assets"/material-symbols-outlined-latin-wght-normal-*.woff2 "$admin"/fonts/material-symbols-outlined.woff2
for font in source-sans-3 noto-mono material-symbols-outlined; do
  cp "$assets"/$font.LICENSE.txt "$admin"/fonts/LICENSE-$font.txt
done
cp "$work"/package/locales/sv.json "$admin"/locales/sv.json
cp "$work"/package/LICENSE.txt "$admin"/LICENSE.txt
(cd "$admin" && sha256sum -- sveltia-cms.js locales/sv.json fonts/*.woff2 > SHA256SUMS.txt)
rm -rf "$work"/package
echo "vendored scripts and fonts refreshed in $vendor, the editor in $admin"
