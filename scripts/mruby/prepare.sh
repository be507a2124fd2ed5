#!/usr/bin/env bash
# Prepare a real mruby build that proves the generated validation gem works.
#
#   scripts/mruby/prepare.sh            # everything below, idempotent, fast on rerun
#
# Steps (each skipped when its result is already there):
#   1. system packages needed to build mruby and our launcher (apt-get; we run as root in CI);
#   2. deb-src entries derived from this machine's own apt sources (no mirror is written
#      into the repo: we copy the URIs the machine already uses);
#   3. `apt-get source mruby` into .cache/mruby/src;
#   4. build_config.rb produced by OUR `build-config --base` from the plain core-gems fixture,
#      plus the generated gem, then `rake` in the mruby source tree;
#   5. the test launcher (scripts/mruby/launcher.c) linked against that build's libmruby.
#
# Output: .cache/mruby/READY holds the paths the tests read (key=value lines).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache/mruby"
mkdir -p "$CACHE"
log() { printf 'prepare: %s\n' "$*" >&2; }
die() { printf 'prepare: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, and the tests chown fixture trees)"

# ---- 1. system packages -------------------------------------------------------------
NEEDED=(gcc make ruby rake bison dpkg-dev libc6-dev passwd util-linux)
missing=()
for p in "${NEEDED[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# ---- 2. deb-src entries derived from the existing sources ------------------------------
# deb822 (*.sources): every stanza whose Types has "deb" is copied with Types: deb-src.
# one-line (*.list, sources.list): every "deb ..." line becomes "deb-src ...".
# Files we write ourselves are skipped so reruns are stable.
derive_sources() {
  local out822="$1" outlist="$2" f
  : >"$out822"; : >"$outlist"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    case "$f" in */hacolint-src.sources) continue ;; esac
    awk '
      function flush() { if (keep && body != "") printf "%s\n", body; body = ""; keep = 0 }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^Types:/ { keep = ($0 ~ /(^|[ \t])deb([ \t]|$)/); body = body "Types: deb-src\n"; next }
      /^Enabled:[ \t]*no/ { keep = 0 }
      { body = body $0 "\n" }
      END { flush() }' "$f" >>"$out822"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    case "$f" in */hacolint-src.list) continue ;; esac
    sed -n 's/^[ \t]*deb[ \t]\+/deb-src /p' "$f" >>"$outlist"
  done
}

need_update=0
tmp822="$(mktemp)"; tmplist="$(mktemp)"
trap 'rm -f "$tmp822" "$tmplist"' EXIT
derive_sources "$tmp822" "$tmplist"
[ -s "$tmp822" ] || [ -s "$tmplist" ] || die "no enabled 'deb' entries in /etc/apt/sources.list*; cannot derive deb-src"
for pair in "$tmp822:/etc/apt/sources.list.d/hacolint-src.sources" "$tmplist:/etc/apt/sources.list.d/hacolint-src.list"; do
  src="${pair%%:*}"; dst="${pair#*:}"
  if [ -s "$src" ]; then
    if ! cmp -s "$src" "$dst"; then cp "$src" "$dst"; chmod 0644 "$dst"; need_update=1; log "wrote $dst"; fi
  elif [ -e "$dst" ]; then rm -f "$dst"; need_update=1; fi
done

# Update when we changed the sources, when packages are missing, or when apt knows no
# source package for mruby yet (fresh machine).
if [ "$need_update" = 1 ] || [ "${#missing[@]}" -gt 0 ] || ! apt-cache showsrc mruby >/dev/null 2>&1 \
   || [ -z "$(apt-cache showsrc mruby 2>/dev/null)" ]; then
  log "apt-get update"
  # A third-party repository without a source index must not stop us; we check below that
  # the mruby source package is now known.
  apt-get update -qq || log "apt-get update reported errors (continuing; checking mruby source next)"
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -n "$(apt-cache showsrc mruby 2>/dev/null)" ] || die "apt knows no source package 'mruby' (deb-src derivation failed?)"

# ---- 3. mruby source ---------------------------------------------------------------
SRC_PARENT="$CACHE/src"
mkdir -p "$SRC_PARENT"
MRUBY_DIR="$(find "$SRC_PARENT" -mindepth 1 -maxdepth 1 -type d -name 'mruby-*' | sort | tail -n1)"
if [ -z "$MRUBY_DIR" ] || [ ! -f "$MRUBY_DIR/Rakefile" ]; then
  log "apt-get source mruby"
  (cd "$SRC_PARENT" && apt-get source -qq mruby >/dev/null)
  MRUBY_DIR="$(find "$SRC_PARENT" -mindepth 1 -maxdepth 1 -type d -name 'mruby-*' | sort | tail -n1)"
  [ -n "$MRUBY_DIR" ] && [ -f "$MRUBY_DIR/Rakefile" ] || die "apt-get source mruby produced no source tree"
fi
MRUBY_VERSION="$(sed -n 's/^#define MRUBY_RELEASE_\(MAJOR\|MINOR\|TEENY\) \([0-9]\+\).*/\2/p' "$MRUBY_DIR/include/mruby/version.h" | paste -sd.)"
log "mruby source: $MRUBY_DIR ($MRUBY_VERSION)"

# ---- 4. build_config.rb via our own build-config --base, then rake --------------------
# `npm test` builds dist first; when run by hand, compile (type errors elsewhere in the tree do
# not stop tsc from emitting, so only the emitted file decides).
[ -f "$ROOT/dist/scripts/mruby/build-config.js" ] || (cd "$ROOT" && npx tsc -p tsconfig.json >/dev/null) || true
[ -f "$ROOT/dist/scripts/mruby/build-config.js" ] || die "dist/scripts/mruby/build-config.js missing: run 'npm run build'"
BUILD_DIR="$CACHE/build"
GEM_DIR="$CACHE/gem"
CONFIG="$CACHE/build_config.rb"
mkdir -p "$BUILD_DIR"
# The proof policy: every validation on, a pool and runner list the tests create fixtures for,
# and the file log so the tests can read the audit lines.
node "$ROOT/dist/scripts/mruby/build-config.js" \
  --policy "$ROOT/test/fixtures/build/proof-policy.json" \
  --base "$ROOT/test/fixtures/build/base_build_config.rb" \
  --gem-dir "$GEM_DIR" --out "$CONFIG.new"
if ! cmp -s "$CONFIG.new" "$CONFIG"; then mv "$CONFIG.new" "$CONFIG"; else rm -f "$CONFIG.new"; fi

LIB="$BUILD_DIR/host/lib/libmruby.a"
stamp="$CACHE/build.stamp"
want_stamp="$( (cat "$CONFIG"; find "$GEM_DIR" -type f -print0 | sort -z | xargs -0 cat) | sha256sum | cut -d' ' -f1)"
if [ ! -f "$LIB" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
  log "building mruby (rake) with $CONFIG"
  start=$(date +%s)
  (cd "$MRUBY_DIR" && MRUBY_CONFIG="$CONFIG" MRUBY_BUILD_DIR="$BUILD_DIR" rake -j"$(nproc)" all >"$CACHE/rake.log" 2>&1) \
    || { tail -n 40 "$CACHE/rake.log" >&2; die "mruby build failed (full log: $CACHE/rake.log)"; }
  log "mruby built in $(( $(date +%s) - start ))s"
  echo "$want_stamp" >"$stamp"
fi
[ -f "$LIB" ] || die "no $LIB after build"

# ---- 5. the launcher and test helpers ------------------------------------------------
BIN="$CACHE/bin"
mkdir -p "$BIN"
CFLAGS=(-O1 -g -Wall -Wextra -Werror=implicit-function-declaration)
# The gem's defines must also reach the launcher (it includes the gem header); we read them
# back from the build's own record of compile flags rather than re-deriving them.
MRB_CFLAGS="$(ruby -e 'print File.read(ARGV[0])[/^MRUBY_CFLAGS = (.*)$/, 1].to_s' "$BUILD_DIR/host/lib/libmruby.flags.mak" 2>/dev/null || true)"
MRB_LDFLAGS="$(ruby -e 's=File.read(ARGV[0]); print [s[/^MRUBY_LDFLAGS = (.*)$/,1], s[/^MRUBY_LIBS = (.*)$/,1]].join(" ")' "$BUILD_DIR/host/lib/libmruby.flags.mak" 2>/dev/null || echo -lm)"
build_bin() { # name sources... ; rebuilt when any input is newer
  local name="$1"; shift
  local out="$BIN/$name" newest=0 s
  for s in "$@" "$LIB"; do [ "$s" -nt "$out" ] && newest=1; done
  [ -x "$out" ] && [ "$newest" = 0 ] && return 0
  log "compiling $name"
  eval "gcc ${CFLAGS[*]} $MRB_CFLAGS -I\"$GEM_DIR/include\" -o \"$out\" $* \"$LIB\" $MRB_LDFLAGS"
}
build_bin haco-launch "$ROOT/scripts/mruby/launcher.c"
gcc "${CFLAGS[@]}" -o "$BIN/swap-loop" "$ROOT/scripts/mruby/swap-loop.c"

cat >"$CACHE/READY" <<EOF
mruby_dir=$MRUBY_DIR
mruby_version=$MRUBY_VERSION
config=$CONFIG
gem_dir=$GEM_DIR
build_dir=$BUILD_DIR
launcher=$BIN/haco-launch
swap_loop=$BIN/swap-loop
EOF
log "ready ($CACHE/READY)"
