# Microsoft Graph PowerShell commands that make tenant <tenant-id> ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from a sign-in error alone, so it cannot know what the tenant has
# already. `consent-doctor check --emit` reads the tenant first and keeps what is granted.
#
# Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.
$ErrorActionPreference = 'Stop'

# This script still contains placeholders: <tenant-id>, <resource-app-id>, <scope>. Replace each
# with the real value, then delete the next line.
throw 'This script still contains placeholders such as <tenant-id>; edit it before running it.'

# Sign in to the tenant that issues the failing token.
Connect-MgGraph -TenantId '<tenant-id>' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment Global

# The tenant has no service principal for the API.
# It is created only when the lookup by appId finds none.
$resource_1_sp = Get-MgServicePrincipal -Filter "appId eq '<resource-app-id>'"
if (-not $resource_1_sp) { $resource_1_sp = New-MgServicePrincipal -AppId '<resource-app-id>' }

# Grant RedisInsight the delegated scopes it needs on the API for every user.
$client_sp = Get-MgServicePrincipal -Filter "appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'"
if (-not $client_sp) { throw 'The tenant has no service principal for appId 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0; create it first.' }
New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $resource_1_sp.Id; scope = '<scope>' }
