#!/usr/bin/env bash
# Azure CLI commands that make tenant <tenant-id> ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from a sign-in error alone, so it cannot know what the tenant has
# already. `consent-doctor check --emit` reads the tenant first and keeps what is granted.
#
# Set SKIP_AZ_LOGIN=1 when az is signed in to the tenant already: the script then skips az login and
# az cloud set.
set -euo pipefail

# This script still contains placeholders: <tenant-id>, <resource-app-id>, <scope>. Replace each
# with the real value, then delete the next line.
echo 'This script still contains placeholders such as <tenant-id>; edit it before running it.' >&2; exit 1

# Sign in to the tenant that issues the failing token.
if [[ "${SKIP_AZ_LOGIN:-}" != 1 ]]; then
  az login --tenant '<tenant-id>'
fi

# The tenant has no service principal for the API.
# az ad sp create fails when the service principal exists, so it runs only when az ad sp show finds
# none.
az ad sp show --id '<resource-app-id>' --output none 2>/dev/null || az ad sp create --id '<resource-app-id>'

# Grant RedisInsight the delegated scopes it needs on the API for every user.
# az ad app permission grant replaces the scopes of the tenant-wide grant with the ones listed. Add
# every scope the grant has already, which az ad app permission list-grants --id
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 shows.
az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api '<resource-app-id>' --scope '<scope>'
