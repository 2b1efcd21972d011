# Shell functions that run consent-doctor-emulator in the background for the demo and the
# benchmarks. Source this file after setting emulator_bin (the emulator executable) and work (a
# scratch folder), and call stop_emulator from an EXIT trap.

emulator_pid=""
emulator_url=""

# Stops the running emulator, if any, and waits for it to exit.
stop_emulator() {
    if [[ -n "$emulator_pid" ]]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
        emulator_pid=""
    fi
}

# Starts the emulator on a free port of 127.0.0.1 for Fixtures/tenants/$1.json, with any further
# arguments (such as --fault latency=50ms), and sets emulator_url. Its log goes to
# $work/$1.log. The emulator prints "listening on http://127.0.0.1:PORT" once it accepts requests.
start_emulator() {
    local tenant=$1
    shift
    local address="$work/$tenant.address"
    stop_emulator
    # The background job truncates its output file only once it runs. Removing the previous
    # run's address and log first keeps the loop below from reading the old port.
    rm -f "$address" "$work/$tenant.log"
    "$emulator_bin" --tenant "Fixtures/tenants/$tenant.json" --port 0 --log "$work/$tenant.log" "$@" >"$address" &
    emulator_pid=$!
    for _ in $(seq 200); do
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
