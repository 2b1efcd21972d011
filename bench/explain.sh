#!/usr/bin/env bash
# Measures `consent-doctor explain`: cold-process wall time on each sample paste (median of
# several runs), and throughput with peak memory on a generated log of at least 200 MB.
# It also measures time, memory and report size on inputs with many errors. They are 8,000
# AADSTS650052 lines that each name another tenant and 200,000 AADSTS50011 lines with 250
# distinct redirect URIs. The last two hold 400,000 bare codes (50 distinct), written once on
# one line and once one per line.
# Generated files go to bench/out/, which git ignores.
#
# Usage: bench/explain.sh [RUNS] [LOG_MEGABYTES]   (defaults: 7 runs, 256 MB)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-7}
log_megabytes=${2:-256}
out=bench/out
mkdir -p "$out"

echo "== Machine"
uname -srm
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /CPU: /'
echo "Cores: $(nproc)"
awk '/MemTotal/ { printf "Memory: %.1f GiB\n", $2 / 1048576 }' /proc/meminfo
swift --version 2>/dev/null | head -1

echo
echo "== Build (release)"
swift build -c release --product consent-doctor 2>&1 | tail -1
binary="$(swift build -c release --show-bin-path)/consent-doctor"

# Prints the median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}

# Prints the wall time of one run of the command in milliseconds, with output discarded.
wall_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

echo
echo "== Cold-process wall time per sample paste (median of $runs runs, ms)"
printf '%-42s %8s\n' "paste" "median"
for paste in Fixtures/pastes/*; do
    times=()
    for _ in $(seq "$runs"); do
        times+=("$(wall_ms "$binary" explain "$paste")")
    done
    printf '%-42s %8s\n' "$(basename "$paste")" "$(median "${times[@]}")"
done

echo
echo "== Generated log"
log="$out/explain-large.log"
python3 - "$log" "$log_megabytes" <<'PY'
import random, re, sys
path, megabytes = sys.argv[1], int(sys.argv[2])
random.seed(7)
errors = [open(f"Fixtures/pastes/{name}", encoding="utf-8").read().strip().replace("\n", " ")
          for name in ("01-ri-desktop-log-650057.txt", "06-msal-node-server-error.txt", "02-ri-docker-toast-650052.txt")]
errors.append('[2026-11-18 10:02:16.450] [error] {"message":"Failed to get authenticated client","statusCode":401,"errorCode":12400}')
target = megabytes << 20
written = 0
count = 0
with open(path, "w", encoding="utf-8") as log:
    while written < target:
        lines = []
        for index in range(2000):
            lines.append(f"[2026-11-18 09:{index % 60:02d}:{index % 59:02d}.{index % 997:03d}] [info] [DatabaseService] "
                         f"Connected to cache-{random.randrange(1000)}.redis.cache.windows.net, keys scanned {random.randrange(10**6)}\n")
        # A fresh trace id per line, so the report counts each line as a repeat of its error.
        trace = "%08x-%04x-4%03x-8%03x-%012x" % (random.getrandbits(32), random.getrandbits(16),
                                               random.getrandbits(12), random.getrandbits(12), random.getrandbits(48))
        lines.append(re.sub(r"Trace ID: [0-9a-f-]{36}", "Trace ID: " + trace, random.choice(errors)) + "\n")
        count += 1
        chunk = "".join(lines)
        log.write(chunk)
        written += len(chunk.encode())
print(f"{written / 1048576:.0f} MB, {count} error lines scattered through it")
PY
size_bytes=$(stat -c %s "$log")

echo
echo "== Throughput on the generated log (median of 3 runs)"
times=()
for _ in 1 2 3; do
    times+=("$(wall_ms "$binary" explain "$log")")
done
elapsed=$(median "${times[@]}")
awk -v bytes="$size_bytes" -v ms="$elapsed" 'BEGIN { printf "wall time: %d ms, throughput: %.0f MB/s\n", ms, bytes / 1048576 / (ms / 1000) }'

if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "$binary" explain --format json "$log" >"$out/explain-large.json" 2>"$out/time.txt" || true
    awk -F': ' '/Maximum resident set size/ { printf "peak RSS: %.1f MiB\n", $2 / 1024 }' "$out/time.txt"
else
    "$binary" explain --format json "$log" >"$out/explain-large.json" &
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        (( rss > peak )) && peak=$rss
        sleep 0.05
    done
    awk -v kb="$peak" 'BEGIN { printf "peak RSS (sampled): %.1f MiB\n", kb / 1024 }'
fi
python3 - "$out/explain-large.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
diagnoses = report["diagnoses"]
print(f"diagnoses: {len(diagnoses)}, errors counted with repeats: {sum(d['repeatCount'] for d in diagnoses)}")
PY

# Prints wall time, peak RSS and output size of one text run on $1. The report goes to $out/$2.out.
measure_once() {
    local input=$1 name=$2
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%e %M" -o "$out/$name.time" "$binary" explain "$input" >"$out/$name.out" 2>/dev/null || true
        read -r seconds kilobytes <"$out/$name.time"
        awk -v s="$seconds" -v kb="$kilobytes" -v bytes="$(stat -c %s "$out/$name.out")" \
            'BEGIN { printf "wall time: %.2f s, peak RSS: %.1f MiB, text report: %.0f KB\n", s, kb / 1024, bytes / 1000 }'
    else
        local ms
        ms=$(wall_ms "$binary" explain "$input")
        "$binary" explain "$input" >"$out/$name.out" 2>/dev/null || true
        echo "wall time: $ms ms, text report: $(stat -c %s "$out/$name.out") bytes (install GNU time for peak RSS)"
    fi
    head -1 "$out/$name.out"
}

echo
echo "== Many distinct errors"
python3 - "$out" <<'PY'
import random, sys, uuid
out = sys.argv[1]
random.seed(11)
def guid():
    return str(uuid.UUID(int=random.getrandbits(128), version=4))
with open(f"{out}/explain-tenants.log", "w", encoding="utf-8") as log:
    for _ in range(8000):
        log.write(f"AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) "
                  f"that your organization '{guid()}' lacks a service principal for. Trace ID: {guid()}\n")
with open(f"{out}/explain-redirects.log", "w", encoding="utf-8") as log:
    for index in range(200000):
        host = index % 250
        log.write(f"AADSTS50011: The redirect URI 'http://10.0.{host // 100}.{host % 100 + 1}:5540/api/azure/auth/callback' specified in the request "
                  f"does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'. Trace ID: {guid()}\n")
# The same 400,000 codes on one 3.9 MB line and one per line: the time per error should not
# depend on how many errors share a line.
codes = [f"AADSTS{index % 50}: " for index in range(400000)]
with open(f"{out}/explain-one-line.log", "w", encoding="utf-8") as log:
    log.write("".join(codes))
with open(f"{out}/explain-code-per-line.log", "w", encoding="utf-8") as log:
    log.write("\n".join(codes))
PY
for name in tenants redirects one-line code-per-line; do
    input="$out/explain-$name.log"
    echo "-- $(basename "$input"): $(awk 'END { print NR }' "$input") lines, $(($(stat -c %s "$input") / 1000000)) MB"
    measure_once "$input" "explain-$name"
done
