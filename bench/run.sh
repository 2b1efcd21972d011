#!/usr/bin/env bash
# Runs every benchmark: explain (sample pastes and a large generated log), then check against the
# Graph emulator. Arguments are not passed on; run bench/explain.sh or bench/check.sh directly to
# change the number of runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bench/explain.sh
echo
bench/check.sh
