#!/usr/bin/env bash
# Builds the in-process xdelta3 reference (xdelta3-inprocess.c) against xdelta3's own C source
# and runs it on a pairs file.
#
#   usage: xdelta3-inprocess.sh PAIRS_FILE [MIN_MS] [LEVEL]
#
# The source is Debian's pristine upstream tarball of xdelta3 3.0.11 (the version Debian ships
# as /usr/bin/xdelta3), fetched at benchmark time, checked against its SHA-256 from Debian's
# .dsc, and unpacked under sockudo-bench/target; nothing of it enters the repository. It is
# compiled with -O2 like Debian's package, without secondary compressors (the benchmark uses
# none). Set XDELTA3_SRC=DIR to use an already unpacked source tree instead.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 PAIRS_FILE [MIN_MS] [LEVEL]" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${XDELTA3_WORK:-$HERE/../../target/xdelta3}
URL=https://deb.debian.org/debian/pool/main/x/xdelta3/xdelta3_3.0.11-dfsg.orig.tar.xz
SHA256=c730bf7a526eea39c1a371632c1abc980e7281bf5d1fead79d663de303498f5f

mkdir -p "$WORK"
SRC=${XDELTA3_SRC:-$WORK/xdelta3-3.0.11-dfsg}
if [ ! -f "$SRC/xdelta3.c" ]; then
  TARBALL=$WORK/$(basename "$URL")
  if [ ! -f "$TARBALL" ]; then
    echo "fetching $URL" >&2
    curl -fsSL -o "$TARBALL.part" "$URL"
    mv "$TARBALL.part" "$TARBALL"
  fi
  echo "$SHA256  $TARBALL" | sha256sum -c --quiet - || { echo "checksum mismatch for $TARBALL" >&2; exit 1; }
  tar -xJf "$TARBALL" -C "$WORK"
fi

BIN=$WORK/xdelta3-inprocess
if [ ! -x "$BIN" ] || [ "$HERE/xdelta3-inprocess.c" -nt "$BIN" ]; then
  # the defines stand in for the configure step: 64-bit Linux, no lzma/djw/fgk, no debug code
  ${CC:-cc} -O2 -w -I"$SRC" \
    -DXD3_DEBUG=0 -DNDEBUG=1 -DSECONDARY_LZMA=0 -DSECONDARY_DJW=0 -DSECONDARY_FGK=0 \
    -DSIZEOF_SIZE_T=8 -DSIZEOF_UNSIGNED_INT=4 -DSIZEOF_UNSIGNED_LONG=8 -DSIZEOF_UNSIGNED_LONG_LONG=8 \
    -DXD3_USE_LARGEFILE64=1 \
    -o "$BIN" "$HERE/xdelta3-inprocess.c"
fi
exec "$BIN" "$1" "${2:-2000}" "${3:-3}"
