#!/usr/bin/env bash
# Shows consent-doctor on bundled samples, offline and without any Microsoft account:
#
# 1. explain on two sample pastes (a missing service principal in the user's home tenant,
#    AADSTS650052, and RedisInsight opened through a server's IP address, AADSTS50011) and one
#    code lookup;
# 2. check against the Graph emulator serving a tenant where the Redis grant is missing, with a
#    static token from the tenant file;
# 3. sample reports (text, Markdown, HTML, JSON) for three tenants and one pasted error, written
#    to .build/reports/.
#
# Usage: scripts/demo.sh [BIN_DIR]   (default .build/debug; `make demo` builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.build/debug}
reports=.build/reports
work=$(mktemp -d)

emulator_bin="$bin_dir/consent-doctor-emulator"
# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh

cleanup() {
    stop_emulator
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs check against the running emulator with the tenant's reader token.
run_check() {
    local tenant=$1
    shift
    CONSENT_DOCTOR_ACCESS_TOKEN=$(reader_token "$tenant") \
        "$bin_dir/consent-doctor" check --graph-url "$emulator_url" "$@"
}

for sample in Fixtures/pastes/02-ri-docker-toast-650052.txt Fixtures/pastes/07-signin-page-50011.txt; do
    echo "== consent-doctor explain $sample"
    "$bin_dir/consent-doctor" explain "$sample" || true
    echo
done

echo "== consent-doctor codes 900941"
"$bin_dir/consent-doctor" codes 900941
echo

start_emulator redis-grant-missing
echo "== consent-doctor check against the emulator (tenant file Fixtures/tenants/redis-grant-missing.json)"
echo "   CONSENT_DOCTOR_ACCESS_TOKEN=<reader token> consent-doctor check --graph-url $emulator_url"
status=0
run_check redis-grant-missing || status=$?
echo "(exit status $status: 1 means problems were found)"
echo

mkdir -p "$reports"
for tenant in healthy redis-grant-missing nothing-consented; do
    start_emulator "$tenant"
    for format in text markdown html json; do
        extension=$format
        [[ $format == markdown ]] && extension=md
        [[ $format == text ]] && extension=txt
        run_check "$tenant" --format "$format" --output "$reports/check-$tenant.$extension" || true
    done
done
stop_emulator

for format in text markdown html json; do
    extension=$format
    [[ $format == markdown ]] && extension=md
    [[ $format == text ]] && extension=txt
    "$bin_dir/consent-doctor" explain Fixtures/pastes/02-ri-docker-toast-650052.txt \
        --format "$format" --output "$reports/explain-650052.$extension" || true
done

echo "== Sample reports in $reports/"
ls -1 "$reports"
