#!/usr/bin/env bash
# Runs consent-doctor on the bundled sample pastes, so a new user sees real diagnoses.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.build/debug}

for sample in Fixtures/pastes/01-ri-desktop-log-650057.txt Fixtures/pastes/02-ri-docker-toast-650052.txt; do
    echo "== consent-doctor explain $sample"
    "$bin_dir/consent-doctor" explain "$sample" || true
    echo
done
