/// Renders a plan as a bash script of `az rest` calls with exact Graph URLs and JSON bodies.
///
/// The script looks up each service principal it needs by appId (`$filter`), creates the ones
/// that are missing, creates tenant-wide grants with `POST` and extends them with `PATCH` of the
/// full scope union. It never deletes anything, so per-user grants stay as they are. `az rest`
/// signs each request with the account of `az login`.
enum RestScriptEmitter {
    static func lines(_ plan: ScriptPlan) -> [String] {
        var body: [String] = []
        var cloudToSet = BashScriptParts.cloudToSet(plan)
        var knownObjectIds = Set<String>()
        var isFirstSignIn = true
        let root = plan.graphVersionRoot

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
                body += ScriptComment.lines("It is created only when the lookup by appId finds none.")
                let variable = BashScriptParts.objectIdVariable(name)
                body.append(lookup(name, root: root))
                body.append(#"if [[ -z "$\#(variable)" ]]; then"#)
                let create = ShellQuoting.commandLine([
                    "az", "rest", "--method", "POST", "--url", GraphRequestText.servicePrincipalsURL(root: root),
                    "--body", GraphRequestText.servicePrincipalBody(appId: name.appId), "--query", "id", "--output", "tsv",
                ])
                body.append("  \(variable)=$(\(create))")
                body.append("fi")
                body.append(BashScriptParts.requireObjectId(name))
                knownObjectIds.insert(name.variable)
            case .grant(let grant):
                body += ScriptComment.lines(grant.reason)
                body += grantLines(grant, root: root, knownObjectIds: &knownObjectIds)
            case .omitted(let reason):
                body += BashScriptParts.omitted(reason: reason)
            }
        }
        if let cloudToSet, plan.hasChanges {
            body.insert(contentsOf: ["", ShellQuoting.commandLine(["az", "cloud", "set", "--name", cloudToSet])], at: 0)
        }
        return BashScriptParts.opening(plan, tool: "Microsoft Graph requests through az rest", form: .rest, body: body) + body
    }

    private static func grantLines(_ grant: ScriptPlan.Grant, root: String, knownObjectIds: inout Set<String>) -> [String] {
        var lines: [String] = []
        if grant.kind == .extendGrant {
            guard let grantId = grant.grantId else {
                return BashScriptParts.omitted(reason: "the id of the existing tenant-wide grant is not known.")
            }
            lines += ScriptComment.lines("PATCH replaces the grant's whole scope, so the body lists every scope to keep.")
            lines.append(BashScriptParts.replaceScope(grantId: grantId, scopes: grant.scopes, root: root))
            return lines
        }

        for name in [grant.client, grant.resource] where !knownObjectIds.contains(name.variable) {
            lines.append(lookup(name, root: root))
            lines.append(BashScriptParts.requireObjectId(name))
            knownObjectIds.insert(name.variable)
        }
        lines.append(BashScriptParts.createGrantFromVariables(grant, root: root))
        return lines
    }

    /// Returns `NAME_sp_id=$(az rest --method GET --url …)`, which is empty when the tenant has
    /// no service principal for the appId.
    private static func lookup(_ name: ScriptPlan.ServicePrincipalName, root: String) -> String {
        let command = ShellQuoting.commandLine([
            "az", "rest", "--method", "GET", "--url", GraphRequestText.servicePrincipalLookupURL(root: root, appId: name.appId),
            "--query", "value[0].id", "--output", "tsv",
        ])
        return "\(BashScriptParts.objectIdVariable(name))=$(\(command))"
    }
}
