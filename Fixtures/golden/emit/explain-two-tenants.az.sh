#!/usr/bin/env bash
# Azure CLI commands that make tenants 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 and
# c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35 ready for the client app 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0
# in AzureCloud.
# Written by consent-doctor 0.1.0 from a sign-in error alone, so it cannot know what the tenant has
# already. `consent-doctor check --emit` reads the tenant first and keeps what is granted.
#
# Before you run it:
# - `az ad app permission grant` replaces the scopes already granted to the client on that API, and
#   deletes the per-user grants between them, so each command lists every scope the app needs there.
#   `consent-doctor check` reads the tenant and prints a plan that keeps what is already granted.
#
# Set SKIP_AZ_LOGIN=1 when az is signed in to the tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
# already: the script then skips az cloud set and the first az login. It signs in to each further
# tenant in any case.
set -euo pipefail

# Sign in to the tenant that issues the failing token.
if [[ "${SKIP_AZ_LOGIN:-}" != 1 ]]; then
  az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
fi

# The tenant has no service principal for AzureRedisCacheAadApp.
# az ad sp create fails when the service principal exists, so it runs only when az ad sp show finds
# none.
az ad sp show --id acca5fbb-b7e4-4009-81f1-37e38fd66d78 --output none 2>/dev/null || az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
# az ad app permission grant replaces the scopes of the tenant-wide grant with the ones listed. Add
# every scope the grant has already, which az ad app permission list-grants --id
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 shows.
az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation

# Sign in to the tenant that issues the failing token.
# This sign-in runs even with SKIP_AZ_LOGIN=1, because az is still signed in to the tenant of the
# steps above.
az login --tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35

# The tenant has no service principal for AzureRedisCacheAadApp.
# az ad sp create fails when the service principal exists, so it runs only when az ad sp show finds
# none.
az ad sp show --id acca5fbb-b7e4-4009-81f1-37e38fd66d78 --output none 2>/dev/null || az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
# az ad app permission grant replaces the scopes of the tenant-wide grant with the ones listed. Add
# every scope the grant has already, which az ad app permission list-grants --id
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 shows.
az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation
