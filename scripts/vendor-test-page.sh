#!/usr/bin/env bash
# Copies the test page's third-party scripts from the npm packages pinned in
# tests/node/package.json into the server's resources, unchanged. The copies are committed so
# that the server builds without Node; TestPageVendoredScriptsTest (run by the test suite)
# fails when a copy differs from its package, so a version bump is: change the pin,
# `npm ci --prefix tests/node`, run this script, commit.
#   pusher-js  (MIT)       the client the page connects with, with encryption support
#   tweetnacl  (Unlicense) encrypts events for private-encrypted channels in the page
#   fossil-delta (BSD-2)   applies delta-compressed messages in the page
set -euo pipefail
cd "$(dirname "$0")/.."
modules=tests/node/node_modules
out=sockudo-server/src/main/resources/io/sockudo/server/testpage/vendor
[ -d "$modules" ] || { echo "run npm ci --prefix tests/node first" >&2; exit 1; }
mkdir -p "$out"
cp "$modules/pusher-js/dist/web/pusher-with-encryption.min.js" "$out/"
cp "$modules/pusher-js/dist/web/pusher-with-encryption.min.js.LICENSE.txt" "$out/"
cp "$modules/tweetnacl/nacl-fast.min.js" "$out/"
cp "$modules/fossil-delta/fossil-delta.js" "$out/"
cp "$modules/fossil-delta/LICENSE" "$out/fossil-delta.LICENSE.txt"
cp "$modules/tweetnacl/LICENSE" "$out/tweetnacl.LICENSE.txt"
echo "vendored into $out:"; ls -l "$out"
