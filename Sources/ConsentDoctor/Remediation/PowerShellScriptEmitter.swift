/// Renders a plan as a Microsoft Graph PowerShell script.
///
/// The script signs in with `Connect-MgGraph` for the cloud's environment, looks up each service
/// principal by appId, creates the missing ones, creates tenant-wide grants with
/// `New-MgOauth2PermissionGrant` and extends them with `Update-MgOauth2PermissionGrant` and the
/// full scope union. It deletes nothing. Every literal is a single-quoted string made by
/// `PowerShellQuoting`, except the appId filters, which hold only a validated GUID or placeholder.
enum PowerShellScriptEmitter {
    /// The delegated permissions `Connect-MgGraph` requests: creating service principals and grants.
    static let scopes = "Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All"

    static func lines(_ plan: ScriptPlan) -> [String] {
        var body: [String] = []
        var knownServicePrincipals = Set<String>()

        if !plan.hasChanges {
            body += ["", "# Nothing to change: the plan has no step."]
        }
        for step in plan.steps {
            body.append("")
            switch step {
            case .signIn(let tenant, let reason):
                body += ScriptComment.lines(reason)
                let environment = plan.cloud?.graphPowerShellEnvironment ?? PowerShellQuoting.quote(ScriptPlan.environmentPlaceholder)
                body.append("Connect-MgGraph -TenantId \(PowerShellQuoting.quote(tenant)) -Scopes \(scopes) -Environment \(environment)")
                knownServicePrincipals = []
            case .createServicePrincipal(let name, let reason):
                body += ScriptComment.lines(reason)
                body += ScriptComment.lines("It is created only when the lookup by appId finds none.")
                body.append(lookup(name))
                body.append("if (-not \(variable(name))) { \(variable(name)) = New-MgServicePrincipal -AppId \(PowerShellQuoting.quote(name.appId)) }")
                knownServicePrincipals.insert(name.variable)
            case .grant(let grant):
                body += ScriptComment.lines(grant.reason)
                body += grantLines(grant, knownServicePrincipals: &knownServicePrincipals)
            case .omitted(let reason):
                body += BashScriptParts.omitted(reason: reason)
            }
        }

        var lines = ScriptHeader.lines(plan, tool: "Microsoft Graph PowerShell commands", form: .powershell)
        lines.append("#")
        lines += ScriptComment.lines("Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph -Scope CurrentUser.")
        lines.append("$ErrorActionPreference = 'Stop'")
        let placeholders = ScriptPlan.placeholders(in: body)
        if !placeholders.isEmpty {
            lines.append("")
            lines += ScriptHeader.placeholderComment(placeholders)
            lines.append("throw \(PowerShellQuoting.quote("This script still contains placeholders such as \(placeholders[0]); edit it before running it."))")
        }
        return lines + body
    }

    private static func grantLines(_ grant: ScriptPlan.Grant, knownServicePrincipals: inout Set<String>) -> [String] {
        var lines: [String] = []
        if grant.kind == .extendGrant {
            guard let grantId = grant.grantId else {
                return BashScriptParts.omitted(reason: "the id of the existing tenant-wide grant is not known.")
            }
            lines += ScriptComment.lines("-Scope replaces the grant's whole scope, so it lists every scope to keep.")
            lines.append("Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId \(PowerShellQuoting.quote(grantId)) -Scope \(PowerShellQuoting.quote(grant.scopes.joined(separator: " ")))")
            return lines
        }

        for name in [grant.client, grant.resource] where !knownServicePrincipals.contains(name.variable) {
            lines.append(lookup(name))
            let message = "The tenant has no service principal for appId \(name.appId); create it first."
            lines.append("if (-not \(variable(name))) { throw \(PowerShellQuoting.quote(message)) }")
            knownServicePrincipals.insert(name.variable)
        }
        let fields = [
            "clientId = \(variable(grant.client)).Id",
            "consentType = 'AllPrincipals'",
            "resourceId = \(variable(grant.resource)).Id",
            "scope = \(PowerShellQuoting.quote(grant.scopes.joined(separator: " ")))",
        ]
        lines.append("New-MgOauth2PermissionGrant -BodyParameter @{ \(fields.joined(separator: "; ")) }")
        return lines
    }

    /// Returns `$NAME_sp = Get-MgServicePrincipal -Filter "appId eq '…'"`.
    private static func lookup(_ name: ScriptPlan.ServicePrincipalName) -> String {
        "\(variable(name)) = Get-MgServicePrincipal -Filter \"appId eq '\(name.appId)'\""
    }

    private static func variable(_ name: ScriptPlan.ServicePrincipalName) -> String {
        "$\(name.variable)_sp"
    }
}
