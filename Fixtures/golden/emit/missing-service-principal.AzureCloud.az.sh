#!/usr/bin/env bash
# Azure CLI commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
#
# Set SKIP_AZ_LOGIN=1 when az is signed in to the tenant already: the script then skips az login and
# az cloud set.
set -euo pipefail

# Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals
# and grant consent.
if [[ "${SKIP_AZ_LOGIN:-}" != 1 ]]; then
  az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
fi

# The tenant has no service principal for AzureRedisCacheAadApp.
# az ad sp create fails when the service principal exists, so it runs only when az ad sp show finds
# none.
az ad sp show --id acca5fbb-b7e4-4009-81f1-37e38fd66d78 --output none 2>/dev/null || az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78

# No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.
# az ad app permission grant replaces the scopes of the tenant-wide grant, so the list contains
# every scope to keep: those granted already, then the missing ones.
az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation
