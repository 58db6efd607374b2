#!/usr/bin/env bash
# Release build of Hazard Hunt into dist/ (the served site):
#   dist/            copy of www/*
#   dist/pkg/        wasm-bindgen --target web output, wasm shrunk by wasm-opt -Oz
#   dist/assets/     what the game fetches: catalogue.json, scenes/*.json, sprites/*.svg
#                    (not i18n.json, compiled into the wasm, nor scene.schema.json, for authors)
#   dist/sw.js       the kiosk's service worker, from the template www/sw.js
#                    (scripts/sw.mjs: the list of every file above and their content hash)
#   dist/hazard-hunt.html, dist/hazard-hunt-scorm.zip  the offline downloads
#                    (scripts/single.mjs: all of the above in one file; SCORM 1.2 zip;
#                    made after sw.js, so a kiosk does not precache the downloads)
# then prints the size table and writes it into README.md (scripts/size.mjs
# --write-readme; over budget only warns here, scripts/test.sh enforces it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
CRATE=hazard_hunt
TARGET=wasm32-unknown-unknown
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DIST="$ROOT/dist"

if [ -d "${CARGO_HOME:-$HOME/.cargo}/bin" ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi

die() { printf 'build: %s\n' "$*" >&2; exit 1; }
log() { printf 'build: %s\n' "$*" >&2; }

# Only binaryen from npm (binaryen@132): Debian's /usr/bin/wasm-opt (v108)
# silently breaks wasm-bindgen output. Never fall back to PATH.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
[ -x "$WASM_OPT" ] || die "$WASM_OPT missing: run scripts/setup.sh"
case "$("$WASM_OPT" --version)" in
  *"version 132"*) ;;
  *) die "unexpected wasm-opt: $("$WASM_OPT" --version) (want binaryen 132)" ;;
esac

WB_PIN="$(grep -E '^[[:space:]]*wasm-bindgen[[:space:]]*=' Cargo.toml \
  | head -n1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)"
WB_HAVE="$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')"
[ -n "$WB_HAVE" ] || die "wasm-bindgen not found: run scripts/setup.sh"
[ -z "$WB_PIN" ] || [ "$WB_PIN" = "$WB_HAVE" ] \
  || die "wasm-bindgen CLI is $WB_HAVE but Cargo.toml pins $WB_PIN: run scripts/setup.sh"

# Features Rust 1.95's wasm32-unknown-unknown emits (its target_features section
# reads: bulk-memory bulk-memory-opt call-indirect-overlong multivalue
# mutable-globals nontrapping-fptoint reference-types sign-ext). Chromium
# supports all of them. wasm-opt must be allowed exactly these: fewer and it
# rejects the module, more and it may emit instructions browsers lack.
WASM_FEATURES=(
  --enable-bulk-memory
  --enable-bulk-memory-opt
  --enable-call-indirect-overlong
  --enable-multivalue
  --enable-mutable-globals
  --enable-nontrapping-float-to-int
  --enable-reference-types
  --enable-sign-ext
)

log "cargo build (release, $TARGET)"
cargo build --release --locked --target "$TARGET" --lib

WASM_IN="$TARGET_DIR/$TARGET/release/$CRATE.wasm"
[ -f "$WASM_IN" ] || die "$WASM_IN not produced"

# Assemble in a staging folder and swap it in at the end: dist/ never holds a
# half-built or stale mix, and a server running on dist/ keeps working.
STAGE="$ROOT/target/dist-stage.$$"
OLD="$ROOT/target/dist-old.$$"
trap 'rm -rf "$STAGE" "$OLD"' EXIT
rm -rf "$STAGE" "$OLD"
mkdir -p "$STAGE/pkg"

log "wasm-bindgen $WB_HAVE"
wasm-bindgen --target web --no-typescript --out-dir "$STAGE/pkg" "$WASM_IN"

BG="$STAGE/pkg/${CRATE}_bg.wasm"
[ -f "$BG" ] || die "wasm-bindgen did not write $BG"
log "wasm-opt -Oz"
# --strip-*: the served module needs no names, debug info or producers section,
# whatever the Cargo profile's `strip` setting left in.
"$WASM_OPT" -Oz "${WASM_FEATURES[@]}" --strip-debug --strip-producers "$BG" -o "$BG.opt"
mv "$BG.opt" "$BG"

log "copying www/ and assets/"
[ -d www ] || die "www/ missing"
cp -R www/. "$STAGE/"
if [ -d assets ]; then
  (cd assets && find . -type f \( -name '*.json' -o -name '*.svg' \) \
      ! -name 'i18n.json' ! -name 'scene.schema.json' -print0) |
    while IFS= read -r -d '' f; do
      mkdir -p "$STAGE/assets/$(dirname "$f")"
      cp "assets/$f" "$STAGE/assets/$f"
    done
fi

log "sw.js (service worker: precache list and version)"
node scripts/sw.mjs "$STAGE" >&2

# The offline downloads from the staged site: dist/hazard-hunt.html (the whole game in
# one file that plays from disk) and dist/hazard-hunt-scorm.zip (SCORM 1.2 package).
log "single file and SCORM package"
node scripts/single.mjs --dist "$STAGE"

if [ -e "$DIST" ]; then mv "$DIST" "$OLD"; fi
mv "$STAGE" "$DIST"
rm -rf "$OLD"
log "dist/ ready"

echo
# The README's size table follows every build (scripts/test.sh checks it is not
# stale). SIZE_README=check leaves README.md alone and only compares.
case "${SIZE_README:-write}" in
  write) size_mode=--write-readme ;;
  check) size_mode=--check-readme ;;
  *) die "SIZE_README must be write or check, not ${SIZE_README}" ;;
esac
node scripts/size.mjs "$size_mode" \
  || log "WARNING: over the size budget or README table stale (scripts/test.sh will fail)"
