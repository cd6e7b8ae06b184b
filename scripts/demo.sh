#!/usr/bin/env bash
# The README's first command: makes the machine ready, installs sluice, and runs the demo — examples/telemetry
# live on generated telemetry, on an in-process development broker (or `--bootstrap host:port`).
# Arguments go to the demo: bash scripts/demo.sh --duration 10s
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
[ -x node_modules/.bin/sluice ] && [ -f dist/cli/main.js ] || npm ci --no-audit --no-fund
exec node scripts/demo.ts "$@"
