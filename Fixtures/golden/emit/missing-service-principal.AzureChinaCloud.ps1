# Microsoft Graph PowerShell commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready
# for the client app 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureChinaCloud.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
#
# Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.
$ErrorActionPreference = 'Stop'

# Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals
# and grant consent.
Connect-MgGraph -TenantId '7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment China

# The tenant has no service principal for AzureRedisCacheAadApp.
# It is created only when the lookup by appId finds none.
$redis_api_sp = Get-MgServicePrincipal -Filter "appId eq 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'"
if (-not $redis_api_sp) { $redis_api_sp = New-MgServicePrincipal -AppId 'acca5fbb-b7e4-4009-81f1-37e38fd66d78' }

# No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.
$client_sp = Get-MgServicePrincipal -Filter "appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'"
if (-not $client_sp) { throw 'The tenant has no service principal for appId 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0; create it first.' }
New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $redis_api_sp.Id; scope = 'user_impersonation' }
