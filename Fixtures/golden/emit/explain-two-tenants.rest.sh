#!/usr/bin/env bash
# Microsoft Graph requests through az rest that make tenants 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
# and c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35 ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from a sign-in error alone, so it cannot know what the tenant has
# already. `consent-doctor check --emit` reads the tenant first and keeps what is granted.
#
# Before you run it:
# - Each grant step creates a new tenant-wide grant. Graph rejects it with status 409 when the
#   client already has a tenant-wide grant on that API, and the script stops there. `consent-doctor
#   check --emit rest` reads the tenant and extends the existing grant instead.
#
# Set SKIP_AZ_LOGIN=1 when az is signed in to the tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
# already: the script then skips az cloud set and the first az login. It signs in to each further
# tenant in any case.
set -euo pipefail

# Stops the script unless the second argument is a GUID, so an unexpected response from Graph
# never reaches a request body.
require_object_id() {
  if [[ ! $2 =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
    echo "Graph returned no valid object id for the service principal of appId $1." >&2
    exit 1
  fi
}

# Sign in to the tenant that issues the failing token.
if [[ "${SKIP_AZ_LOGIN:-}" != 1 ]]; then
  az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
fi

# The tenant has no service principal for AzureRedisCacheAadApp.
# It is created only when the lookup by appId finds none.
redis_api_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%27acca5fbb-b7e4-4009-81f1-37e38fd66d78%27&$select=id' --query 'value[0].id' --output tsv)
if [[ -z "$redis_api_sp_id" ]]; then
  redis_api_sp_id=$(az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals --body '{"appId":"acca5fbb-b7e4-4009-81f1-37e38fd66d78"}' --query id --output tsv)
fi
require_object_id acca5fbb-b7e4-4009-81f1-37e38fd66d78 "$redis_api_sp_id"

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
client_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%2761f3d82d-2bf3-432a-ba1b-c056e4cf0fd0%27&$select=id' --query 'value[0].id' --output tsv)
require_object_id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 "$client_sp_id"
az rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants --body "$(printf '{"clientId":"%s","consentType":"AllPrincipals","resourceId":"%s","scope":"user_impersonation"}' "$client_sp_id" "$redis_api_sp_id")"

# Sign in to the tenant that issues the failing token.
# This sign-in runs even with SKIP_AZ_LOGIN=1, because az is still signed in to the tenant of the
# steps above.
az login --tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35

# The tenant has no service principal for AzureRedisCacheAadApp.
# It is created only when the lookup by appId finds none.
redis_api_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%27acca5fbb-b7e4-4009-81f1-37e38fd66d78%27&$select=id' --query 'value[0].id' --output tsv)
if [[ -z "$redis_api_sp_id" ]]; then
  redis_api_sp_id=$(az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals --body '{"appId":"acca5fbb-b7e4-4009-81f1-37e38fd66d78"}' --query id --output tsv)
fi
require_object_id acca5fbb-b7e4-4009-81f1-37e38fd66d78 "$redis_api_sp_id"

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
client_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%2761f3d82d-2bf3-432a-ba1b-c056e4cf0fd0%27&$select=id' --query 'value[0].id' --output tsv)
require_object_id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 "$client_sp_id"
az rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants --body "$(printf '{"clientId":"%s","consentType":"AllPrincipals","resourceId":"%s","scope":"user_impersonation"}' "$client_sp_id" "$redis_api_sp_id")"
