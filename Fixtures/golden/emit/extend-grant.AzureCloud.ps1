# Microsoft Graph PowerShell commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready
# for the client app 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
#
# Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.
$ErrorActionPreference = 'Stop'

# Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals
# and grant consent.
Connect-MgGraph -TenantId '7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment Global

# The tenant-wide grant to AzureRedisCacheAadApp lacks user_impersonation.
# -Scope replaces the grant's whole scope, so it lists every scope to keep.
Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId 'kS56WkvQNk-44smh0_B7ZHIfnjymhA1LniVvGnw9i0A' -Scope 'Data.Read user_impersonation'
