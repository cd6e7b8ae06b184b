#!/usr/bin/env bash
# The README's first command: makes the machine ready, installs sluice, and runs the demo.
# Until the demo lands (its own issue), it shows the command-line help instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
[ -x node_modules/.bin/sluice ] && [ -f dist/cli/main.js ] || npm ci --no-audit --no-fund
npx sluice --help
