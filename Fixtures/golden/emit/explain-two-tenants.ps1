# Microsoft Graph PowerShell commands that make tenants 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 and
# c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35 ready for the client app 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0
# in AzureCloud.
# Written by consent-doctor 0.1.0 from a sign-in error alone, so it cannot know what the tenant has
# already. `consent-doctor check --emit` reads the tenant first and keeps what is granted.
#
# Before you run it:
# - Each grant step creates a new tenant-wide grant. Graph rejects it with status 409 when the
#   client already has a tenant-wide grant on that API, and the script stops there. `consent-doctor
#   check --emit powershell` reads the tenant and extends the existing grant instead.
#
# Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.
$ErrorActionPreference = 'Stop'

# Sign in to the tenant that issues the failing token.
Connect-MgGraph -TenantId '7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment Global

# The tenant has no service principal for AzureRedisCacheAadApp.
# It is created only when the lookup by appId finds none.
$redis_api_sp = Get-MgServicePrincipal -Filter "appId eq 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'"
if (-not $redis_api_sp) { $redis_api_sp = New-MgServicePrincipal -AppId 'acca5fbb-b7e4-4009-81f1-37e38fd66d78' }

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
$client_sp = Get-MgServicePrincipal -Filter "appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'"
if (-not $client_sp) { throw 'The tenant has no service principal for appId 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0; create it first.' }
New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $redis_api_sp.Id; scope = 'user_impersonation' }

# Sign in to the tenant that issues the failing token.
Connect-MgGraph -TenantId 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment Global

# The tenant has no service principal for AzureRedisCacheAadApp.
# It is created only when the lookup by appId finds none.
$redis_api_sp = Get-MgServicePrincipal -Filter "appId eq 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'"
if (-not $redis_api_sp) { $redis_api_sp = New-MgServicePrincipal -AppId 'acca5fbb-b7e4-4009-81f1-37e38fd66d78' }

# Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.
$client_sp = Get-MgServicePrincipal -Filter "appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'"
if (-not $client_sp) { throw 'The tenant has no service principal for appId 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0; create it first.' }
New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $redis_api_sp.Id; scope = 'user_impersonation' }
