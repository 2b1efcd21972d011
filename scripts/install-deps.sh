#!/usr/bin/env bash
# Installs the Debian packages consent-doctor needs to build (and, with --browser, to run the
# browser tests), but only those that are missing. Needs root to install; without root it lists
# what to install and fails.
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev pkg-config)
if [[ "${1:-}" == "--browser" ]]; then
    packages+=(chromium)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
