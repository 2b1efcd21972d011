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

emulator_pid=""

# Stops the running emulator, if any, and waits for it to exit.
stop_emulator() {
    if [[ -n "$emulator_pid" ]]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
        emulator_pid=""
    fi
}

cleanup() {
    stop_emulator
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the emulator on a free port of 127.0.0.1 for Fixtures/tenants/$1.json and sets
# emulator_url. The emulator prints "listening on http://127.0.0.1:PORT" once it accepts requests.
start_emulator() {
    local tenant=$1
    local address="$work/$tenant.address"
    stop_emulator
    "$bin_dir/consent-doctor-emulator" --tenant "Fixtures/tenants/$tenant.json" --port 0 \
        --log "$work/$tenant.log" >"$address" &
    emulator_pid=$!
    for _ in $(seq 100); do
        if grep -q '^listening on ' "$address" 2>/dev/null; then
            emulator_url=$(sed -n 's/^listening on //p' "$address")
            return 0
        fi
        if ! kill -0 "$emulator_pid" 2>/dev/null; then
            break
        fi
        sleep 0.05
    done
    echo "Error: the emulator did not start for $tenant. Its log follows:" >&2
    cat "$work/$tenant.log" >&2 || true
    return 1
}

# Prints the first static token of the tenant file's read-only identity, named "reader".
reader_token() {
    awk '/"name": "reader"/ { found = 1 }
         found && /"staticTokens"/ { getline; gsub(/[ ",]/, ""); print; exit }' "Fixtures/tenants/$1.json"
}

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
