#!/usr/bin/env bash
# Runs consent-doctor on two bundled sample pastes and one code lookup, so a new user sees
# real diagnoses: a missing service principal in the user's home tenant (AADSTS650052) and
# RedisInsight opened through a server's IP address (AADSTS50011).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.build/debug}

for sample in Fixtures/pastes/02-ri-docker-toast-650052.txt Fixtures/pastes/07-signin-page-50011.txt; do
    echo "== consent-doctor explain $sample"
    "$bin_dir/consent-doctor" explain "$sample" || true
    echo
done

echo "== consent-doctor codes 900941"
"$bin_dir/consent-doctor" codes 900941
