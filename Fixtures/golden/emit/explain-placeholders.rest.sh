#!/usr/bin/env bash
# Microsoft Graph requests through az rest that make tenant <tenant-id> ready for the client app
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
  az login --tenant '<tenant-id>'
fi

# The tenant has no service principal for the API.
# It is created only when the lookup by appId finds none.
resource_1_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%27<resource-app-id>%27&$select=id' --query 'value[0].id' --output tsv)
if [[ -z "$resource_1_sp_id" ]]; then
  resource_1_sp_id=$(az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals --body '{"appId":"<resource-app-id>"}' --query id --output tsv)
fi
require_object_id '<resource-app-id>' "$resource_1_sp_id"

# Grant RedisInsight the delegated scopes it needs on the API for every user.
client_sp_id=$(az rest --method GET --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId%20eq%20%2761f3d82d-2bf3-432a-ba1b-c056e4cf0fd0%27&$select=id' --query 'value[0].id' --output tsv)
require_object_id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 "$client_sp_id"
az rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants --body "$(printf '{"clientId":"%s","consentType":"AllPrincipals","resourceId":"%s","scope":"<scope>"}' "$client_sp_id" "$resource_1_sp_id")"
