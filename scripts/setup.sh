#!/usr/bin/env bash
# Install what building (and, with --test, testing) Hazard Hunt needs.
# Idempotent: every step checks first and is skipped when already satisfied,
# so a second run takes about a second.
#
#   scripts/setup.sh          the pinned Rust toolchain (rust-toolchain.toml) with its
#                             wasm target, wasm-bindgen-cli (pinned), npm ci
#   scripts/setup.sh --test   the above + clippy, rustfmt, Debian chromium + CJK font
#
# Debian packages are installed as root, or through `sudo -n` (never a password
# prompt); otherwise the script prints the apt command to run and exits 1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WITH_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf 'setup: %s\n' "$*" >&2; }

# --- Debian packages for the browser tests (first: it may need a person) --------
# Checked before the long Rust steps, so a missing permission shows up at once.
if [ "$WITH_TEST" -eq 1 ]; then
  apt_pkgs=()
  if [ ! -x /usr/bin/chromium ]; then
    log "/usr/bin/chromium missing"
    apt_pkgs+=(chromium)
  fi
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n1)" ]; then
    log "no CJK font (fc-list :lang=zh is empty)"
    apt_pkgs+=(fonts-noto-cjk)
  fi
  if [ "${#apt_pkgs[@]}" -eq 0 ]; then
    log "chromium and CJK font: present"
  else
    # Root installs directly; otherwise only password-less sudo (`sudo -n`), so
    # the script can never sit waiting at a password prompt (in CI, or piped).
    if [ "$(id -u)" -eq 0 ]; then
      SUDO=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      install="apt-get install -y --no-install-recommends ${apt_pkgs[*]}"
      apt_cmd="apt-get update && $install"
      if command -v sudo >/dev/null 2>&1; then
        log "cannot install ${apt_pkgs[*]}: not root, and sudo wants a password."
        log "Run this yourself, then run this script again:"
        apt_cmd="sudo apt-get update && sudo $install"
      else
        log "cannot install ${apt_pkgs[*]}: not root, and there is no sudo."
        log "Run this as root, then run this script again:"
      fi
      printf '\n    %s\n\n' "$apt_cmd" >&2
      exit 1
    fi
    log "installing ${apt_pkgs[*]} from Debian"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${apt_pkgs[@]}"
  fi
fi

# cargo-installed binaries must be found by this script and by build.sh.
if [ -d "${CARGO_HOME:-$HOME/.cargo}/bin" ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null 2>&1 || { log "missing required tool: $tool"; exit 1; }
done

# --- Rust toolchain pinned by rust-toolchain.toml ------------------------------
# Inside the repository rustup picks that toolchain for cargo and for the
# `rustup target/component` checks below; install it when missing (rustup does
# not always do that by itself, e.g. with RUSTUP_AUTO_INSTALL=0).
RUST_CHANNEL="$(sed -n 's/^[[:space:]]*channel[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' \
  rust-toolchain.toml | head -n1)"
if [ -z "$RUST_CHANNEL" ]; then
  log "could not read the toolchain channel from rust-toolchain.toml"
  exit 1
fi
if [ -n "${RUSTUP_TOOLCHAIN:-}" ] && [ "$RUSTUP_TOOLCHAIN" != "$RUST_CHANNEL" ]; then
  log "WARNING: RUSTUP_TOOLCHAIN=$RUSTUP_TOOLCHAIN overrides rust-toolchain.toml ($RUST_CHANNEL)"
fi
if rustup toolchain list | awk '{print $1}' | grep -qE "^${RUST_CHANNEL//./\\.}(-|\$)"; then
  log "rust toolchain $RUST_CHANNEL: present"
else
  log "installing rust toolchain $RUST_CHANNEL (rust-toolchain.toml)"
  rustup toolchain install "$RUST_CHANNEL" --profile minimal \
    --target wasm32-unknown-unknown --component clippy,rustfmt
fi

# --- Rust target (of the pinned toolchain) ------------------------------------
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  log "rust target wasm32-unknown-unknown: present"
else
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- wasm-bindgen-cli, exactly the version Cargo.toml pins ---------------------
# Accepts `wasm-bindgen = "=X.Y.Z"` and `wasm-bindgen = { version = "=X.Y.Z", ... }`.
WB_VERSION="$(grep -E '^[[:space:]]*wasm-bindgen[[:space:]]*=' Cargo.toml \
  | head -n1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)"
if [ -z "$WB_VERSION" ]; then
  log "could not read the wasm-bindgen version pin from Cargo.toml"
  exit 1
fi
have_wb="$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')"
if [ "$have_wb" = "$WB_VERSION" ]; then
  log "wasm-bindgen-cli $WB_VERSION: present"
else
  log "installing wasm-bindgen-cli $WB_VERSION (found: ${have_wb:-none}); takes ~3 min cold"
  # --locked fails on some registries (a locked dependency version is missing);
  # fall back to a plain install then.
  if ! cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked; then
    log "cargo install --locked failed; retrying without --locked"
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
  fi
  have_wb="$(wasm-bindgen --version | awk '{print $2}')"
  if [ "$have_wb" != "$WB_VERSION" ]; then
    log "wasm-bindgen on PATH is $have_wb, expected $WB_VERSION ($(command -v wasm-bindgen))"
    exit 1
  fi
fi

# --- npm packages (binaryen's wasm-opt, playwright-core) -----------------------
# npm writes node_modules/.package-lock.json on every install; it is older than
# package-lock.json exactly when the lock file changed since the last install.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
else
  log "node_modules: up to date"
fi

# --- test-only tools ------------------------------------------------------------
if [ "$WITH_TEST" -eq 1 ]; then
  installed_components="$(rustup component list --installed)"
  for comp in clippy rustfmt; do
    if grep -q "^$comp" <<<"$installed_components"; then
      log "rust component $comp: present"
    else
      log "adding rust component $comp"
      rustup component add "$comp"
    fi
  done
fi

log "done"
