# Microsoft Graph PowerShell commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready
# for the client app 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureUSGovernment.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
#
# Before you run it:
# - 2 users have grants of their own to AzureRedisCacheAadApp. az ad app permission grant deletes
#   every per-user grant to it before it creates the tenant-wide grant.
# - 1 user has a grant of their own to Windows Azure Service Management API. az ad app permission
#   grant deletes every per-user grant to it before it creates the tenant-wide grant.
#
# Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.
$ErrorActionPreference = 'Stop'

# Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals
# and grant consent.
Connect-MgGraph -TenantId '7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment USGov

# No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.
$client_sp = Get-MgServicePrincipal -Filter "appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'"
if (-not $client_sp) { throw 'The tenant has no service principal for appId 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0; create it first.' }
$redis_api_sp = Get-MgServicePrincipal -Filter "appId eq 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'"
if (-not $redis_api_sp) { throw 'The tenant has no service principal for appId acca5fbb-b7e4-4009-81f1-37e38fd66d78; create it first.' }
New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $redis_api_sp.Id; scope = 'user_impersonation' }

# The tenant-wide grant to Windows Azure Service Management API lacks user_impersonation.
# -Scope replaces the grant's whole scope, so it lists every scope to keep.
Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId 'kS56WkvQNk-44smh0_B7ZLp0aPE7QoRAkJ4YjwzQ1xk' -Scope 'Other.Read user_impersonation'
