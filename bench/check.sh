#!/usr/bin/env bash
# Measures `consent-doctor check` against the release build of the Graph emulator on 127.0.0.1.
# It prints the cold-process wall time of a full check (median of several runs). It also prints
# the HTTP requests each check sends, from the emulator's log, and the Graph requests with each
# `$batch` item counted, from the report. Every case runs once with 50 ms of added latency per
# response and once without.
#
# Usage: bench/check.sh [RUNS]   (default 9 runs per case)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-9}
work=$(mktemp -d)

echo "== Machine"
uname -srm
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /CPU: /'
echo "Cores: $(nproc)"
awk '/MemTotal/ { printf "Memory: %.1f GiB\n", $2 / 1048576 }' /proc/meminfo
swift --version 2>/dev/null | head -1

echo
echo "== Build (release)"
swift build -c release 2>&1 | tail -1
bin_dir=$(swift build -c release --show-bin-path)
binary="$bin_dir/consent-doctor"
emulator_bin="$bin_dir/consent-doctor-emulator"

# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
trap 'stop_emulator; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Prints the median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}

# Prints the number of Graph HTTP requests in an emulator log. Each logged request line carries
# a request-id; `$batch` items are not logged on their own.
http_requests() {
    grep -c ' /v1.0/.* request-id=' "$1" || true
}

echo
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$binary" --version >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
done
echo "== Process start-up: consent-doctor --version, median of $runs runs: $(median "${times[@]}") ms"
echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== check against the emulator (median of $runs runs, cold process, release build)"
printf '%-20s %-9s %9s %6s %7s  %s\n' "tenant" "latency" "median ms" "HTTP" "Graph" "exit"
for tenant in healthy redis-grant-missing nothing-consented; do
    for latency in 50ms none; do
        faults=()
        [[ $latency != none ]] && faults=(--fault "latency=$latency")
        start_emulator "$tenant" "${faults[@]}"
        token=$(reader_token "$tenant")

        # One run first, to read the request counts and to warm the file cache.
        status=0
        CONSENT_DOCTOR_ACCESS_TOKEN=$token "$binary" check --graph-url "$emulator_url" >"$work/report.txt" || status=$?
        http=$(http_requests "$work/$tenant.log")
        graph=$(sed -n 's/.*Read from Microsoft Graph: \([0-9]*\) requests\{0,1\} in.*/\1/p' "$work/report.txt")

        times=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            CONSENT_DOCTOR_ACCESS_TOKEN=$token "$binary" check --graph-url "$emulator_url" >/dev/null || true
            end=$(date +%s%N)
            times+=($(((end - start) / 1000000)))
        done
        printf '%-20s %-9s %9s %6s %7s  %s\n' "$tenant" "$latency" "$(median "${times[@]}")" "$http" "$graph" "$status"
    done
done
stop_emulator

echo
echo "HTTP: sequential round trips to Graph per check, from the emulator's log."
echo "Graph: Graph requests per check with each \$batch item counted, from the report."
