#!/usr/bin/env bash
# Every test Hazard Hunt has, exactly what CI runs (.ci/run calls this):
# set-up, format, lints (host and wasm32), native tests, release build, size budget
# (and the README size table not stale), the feel and Lighthouse benchmarks (figures
# only), the static server's tests and the browser tests in headless Chromium.
# Cargo runs --locked: Cargo.lock is part of the sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -d "${CARGO_HOME:-$HOME/.cargo}/bin" ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi
step() { printf '\n== %s (at %d s)\n' "$*" "$SECONDS" >&2; }

step "set-up"
bash scripts/setup.sh --test
step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (host, all targets)"
cargo clippy --locked --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo test"
cargo test --locked
step "release build"
# The build would rewrite the README size table; here it must already match.
SIZE_README=check bash scripts/build.sh
step "size budget and README size table"
node scripts/size.mjs --check-readme
step "benchmark: feel (prints figures, never fails on a number)"
node tests/bench/feel.mjs
step "benchmark: Lighthouse, mobile (prints figures, never fails on a number)"
node tests/bench/lighthouse.mjs
# The browser tests come last, so their summary closes the run.
step "server and browser tests (node:test, Playwright + Debian chromium)"
node --test tests/e2e/*.test.mjs
step "done"
