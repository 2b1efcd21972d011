#!/usr/bin/env bash
# Azure CLI commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureUSGovernment.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
#
# Before you run it:
# - 2 users have grants of their own to AzureRedisCacheAadApp. az ad app permission grant deletes
#   every per-user grant to it before it creates the tenant-wide grant.
# - 1 user has a grant of their own to Windows Azure Service Management API. az ad app permission
#   grant deletes every per-user grant to it before it creates the tenant-wide grant.
#
# Set SKIP_AZ_LOGIN=1 when az is signed in to the tenant already: the script then skips az login and
# az cloud set.
set -euo pipefail

# Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals
# and grant consent.
if [[ "${SKIP_AZ_LOGIN:-}" != 1 ]]; then
  az cloud set --name AzureUSGovernment
  az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
fi

# No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.
# 2 users have grants of their own to AzureRedisCacheAadApp. az ad app permission grant would delete
# them, so this changes only the tenant-wide grant, through Graph.
az rest --method POST --url https://graph.microsoft.us/v1.0/oauth2PermissionGrants --body '{"clientId":"5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64","consentType":"AllPrincipals","resourceId":"3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40","scope":"user_impersonation"}'

# The tenant-wide grant to Windows Azure Service Management API lacks user_impersonation.
# 1 user has a grant of their own to Windows Azure Service Management API. az ad app permission
# grant would delete them, so this changes only the tenant-wide grant, through Graph.
az rest --method PATCH --url https://graph.microsoft.us/v1.0/oauth2PermissionGrants/kS56WkvQNk-44smh0_B7ZLp0aPE7QoRAkJ4YjwzQ1xk --body '{"scope":"Other.Read user_impersonation"}'
