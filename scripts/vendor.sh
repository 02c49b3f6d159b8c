#!/usr/bin/env bash
# Refresh the third-party browser scripts in docs/assets/vendor from npm.
# Versions are pinned here; bump them on purpose and rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent resize-observer-polyfill@1.5.1 iframe-worker@1.0.4 >/dev/null)
vendor=docs/assets/vendor
tar xzf "$work"/resize-observer-polyfill-1.5.1.tgz -C "$work" package/dist/ResizeObserver.js package/LICENSE
cp "$work"/package/dist/ResizeObserver.js "$vendor"/resize-observer-polyfill/ResizeObserver.js
cp "$work"/package/LICENSE "$vendor"/resize-observer-polyfill/LICENSE.txt
rm -rf "$work"/package
tar xzf "$work"/iframe-worker-1.0.4.tgz -C "$work" package/shim/index.js package/LICENSE
cp "$work"/package/shim/index.js "$vendor"/iframe-worker/shim.js
cp "$work"/package/LICENSE "$vendor"/iframe-worker/LICENSE.txt
echo "vendored scripts refreshed in $vendor"
