#!/usr/bin/env bash
# Build Hazard Hunt and serve it on http://127.0.0.1:${PORT:-8000}/ (installs what
# the build needs first; quick when everything is already there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs dist
