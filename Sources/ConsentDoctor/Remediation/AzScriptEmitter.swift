/// Renders a plan as a bash script of Azure CLI commands.
///
/// Service principals are created with `az ad sp create` only when `az ad sp show` finds none, so
/// the script can run twice. Grants use `az ad app permission grant` with the full scope union,
/// because that command deletes the grants between the client and the API and creates one with
/// exactly the scopes given. When users have grants of their own to the API, which that command
/// would delete, the script changes the tenant-wide grant with `az rest` instead.
enum AzScriptEmitter {
    static func lines(_ plan: ScriptPlan) -> [String] {
        var body: [String] = []
        var cloudToSet = BashScriptParts.cloudToSet(plan)
        var knownObjectIds = Set<String>()
        var isFirstSignIn = true

        if !plan.hasChanges {
            body += ["", "# Nothing to change: the plan has no step."]
        }
        for step in plan.steps {
            body.append("")
            switch step {
            case .signIn(let tenant, let reason):
                body += BashScriptParts.signIn(tenant: tenant, reason: reason, cloudName: cloudToSet, isFirst: isFirstSignIn)
                cloudToSet = nil
                isFirstSignIn = false
                knownObjectIds = []
            case .createServicePrincipal(let name, let reason):
                body += ScriptComment.lines(reason)
                body += ScriptComment.lines("az ad sp create fails when the service principal exists, so it runs only when az ad sp show finds none.")
                let show = ShellQuoting.commandLine(["az", "ad", "sp", "show", "--id", name.appId, "--output", "none"])
                let create = ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", name.appId])
                body.append("\(show) 2>/dev/null || \(create)")
            case .grant(let grant):
                body += grantLines(grant, plan: plan, knownObjectIds: &knownObjectIds)
            case .omitted(let reason):
                body += BashScriptParts.omitted(reason: reason)
            }
        }
        if let cloudToSet, plan.hasChanges {
            // A plan with changes but no sign-in step still has to select its cloud first.
            body.insert(contentsOf: ["", ShellQuoting.commandLine(["az", "cloud", "set", "--name", cloudToSet])], at: 0)
        }
        return BashScriptParts.opening(plan, tool: "Azure CLI commands", form: .az, body: body) + body
    }

    private static func grantLines(_ grant: ScriptPlan.Grant, plan: ScriptPlan, knownObjectIds: inout Set<String>) -> [String] {
        var lines = ScriptComment.lines(grant.reason)
        guard grant.perUserGrantCount > 0 else {
            if plan.stateAware {
                lines += ScriptComment.lines("az ad app permission grant replaces the scopes of the tenant-wide grant, so the list contains every scope to keep: those granted already, then the missing ones.")
            } else {
                lines += ScriptComment.lines("az ad app permission grant replaces the scopes of the tenant-wide grant with the ones listed. Add every scope the grant has already, which az ad app permission list-grants --id \(grant.client.appId) shows.")
            }
            lines.append(ShellQuoting.commandLine(
                ["az", "ad", "app", "permission", "grant", "--id", grant.client.appId, "--api", grant.resource.appId, "--scope"] + grant.scopes
            ))
            return lines
        }

        let users = grant.perUserGrantCount == 1 ? "1 user has a grant" : "\(grant.perUserGrantCount) users have grants"
        lines += ScriptComment.lines("\(users) of their own to \(grant.resourceName). az ad app permission grant would delete them, so this changes only the tenant-wide grant, through Graph.")
        let root = plan.graphVersionRoot

        switch (grant.kind, grant.grantId, grant.clientObjectId, grant.resourceObjectId) {
        case (.extendGrant, let grantId?, _, _):
            lines.append(BashScriptParts.replaceScope(grantId: grantId, scopes: grant.scopes, root: root))
        case (.extendGrant, nil, _, _):
            lines += BashScriptParts.omitted(reason: "the id of the existing tenant-wide grant is not known.")
        case (_, _, let client?, let resource?):
            lines.append(ShellQuoting.commandLine([
                "az", "rest", "--method", "POST", "--url", GraphRequestText.grantsURL(root: root),
                "--body", GraphRequestText.grantBody(clientId: client, resourceId: resource, scopes: grant.scopes),
            ]))
        default:
            for name in [grant.client, grant.resource] where !knownObjectIds.contains(name.variable) {
                lines.append("\(BashScriptParts.objectIdVariable(name))=$(\(ShellQuoting.commandLine(["az", "ad", "sp", "show", "--id", name.appId, "--query", "id", "--output", "tsv"])))")
                lines.append(BashScriptParts.requireObjectId(name))
                knownObjectIds.insert(name.variable)
            }
            lines.append(BashScriptParts.createGrantFromVariables(grant, root: root))
        }
        return lines
    }
}
