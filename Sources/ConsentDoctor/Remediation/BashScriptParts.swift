/// Pieces shared by the two bash forms, `az` and `rest`.
enum BashScriptParts {
    /// The variable that makes a script skip `az cloud set` and `az login`.
    static let skipLoginVariable = "SKIP_AZ_LOGIN"

    /// Returns the opening lines: the interpreter, the header, the hint about skipping the login,
    /// strict mode, a guard that stops the script while it still contains placeholders, and the
    /// `require_object_id` function when the body calls it.
    static func opening(_ plan: ScriptPlan, tool: String, form: EmitForm, body: [String]) -> [String] {
        var lines = ["#!/usr/bin/env bash"]
        lines += ScriptHeader.lines(plan, tool: tool, form: form)
        if plan.hasChanges && plan.signInTenants.count > 1 {
            lines.append("#")
            lines += ScriptComment.lines("Set \(skipLoginVariable)=1 when az is signed in to the tenant \(plan.tenant) already: the script then skips az cloud set and the first az login. It signs in to each further tenant in any case.")
        } else if plan.hasChanges {
            lines.append("#")
            lines += ScriptComment.lines("Set \(skipLoginVariable)=1 when az is signed in to the tenant already: the script then skips az login and az cloud set.")
        }
        lines.append("set -euo pipefail")

        let placeholders = ScriptPlan.placeholders(in: body)
        if !placeholders.isEmpty {
            lines.append("")
            lines += ScriptHeader.placeholderComment(placeholders)
            let message = "This script still contains placeholders such as \(placeholders[0]); edit it before running it."
            lines.append("echo \(ShellQuoting.quote(message)) >&2; exit 1")
        }
        if body.contains(where: { $0.hasPrefix("require_object_id ") }) {
            lines += requireObjectIdFunction
        }
        return lines
    }

    /// Returns the lines of a sign-in step: the reason, then `az cloud set` when `cloudName` is
    /// given and `az login`.
    ///
    /// - Parameters:
    ///   - cloudName: The cloud to select, for the first sign-in in a cloud other than the public one.
    ///   - isFirst: Whether this is the script's first sign-in, which `SKIP_AZ_LOGIN=1` skips. A
    ///     later sign-in always runs and never selects the cloud, because the steps before it ran
    ///     in another tenant of the same cloud and az is still signed in there.
    static func signIn(tenant: String, reason: String, cloudName: String?, isFirst: Bool) -> [String] {
        var lines = ScriptComment.lines(reason)
        guard isFirst else {
            lines += ScriptComment.lines("This sign-in runs even with \(skipLoginVariable)=1, because az is still signed in to the tenant of the steps above.")
            lines.append(ShellQuoting.commandLine(["az", "login", "--tenant", tenant]))
            return lines
        }
        lines.append(#"if [[ "${\#(skipLoginVariable):-}" != 1 ]]; then"#)
        if let cloudName {
            lines.append("  " + ShellQuoting.commandLine(["az", "cloud", "set", "--name", cloudName]))
        }
        lines.append("  " + ShellQuoting.commandLine(["az", "login", "--tenant", tenant]))
        lines.append("fi")
        return lines
    }

    /// Returns the cloud to select before the first sign-in, or nil for the public cloud.
    static func cloudToSet(_ plan: ScriptPlan) -> String? {
        plan.cloudName == Cloud.azureCloud.name ? nil : plan.cloudName
    }

    /// Returns the name of the shell variable that stores a service principal's object id.
    static func objectIdVariable(_ name: ScriptPlan.ServicePrincipalName) -> String {
        "\(name.variable)_sp_id"
    }

    /// The function that stops a script when a looked-up object id is not a GUID.
    static let requireObjectIdFunction = [
        "",
        "# Stops the script unless the second argument is a GUID, so an unexpected response from Graph",
        "# never reaches a request body.",
        "require_object_id() {",
        #"  if [[ ! $2 =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then"#,
        #"    echo "Graph returned no valid object id for the service principal of appId $1." >&2"#,
        "    exit 1",
        "  fi",
        "}",
    ]

    /// Returns the line that checks a looked-up object id.
    static func requireObjectId(_ name: ScriptPlan.ServicePrincipalName) -> String {
        "require_object_id \(ShellQuoting.quote(name.appId)) \"$\(objectIdVariable(name))\""
    }

    /// Returns `az rest` that creates an `AllPrincipals` grant, with the object ids taken from
    /// shell variables through `printf`.
    static func createGrantFromVariables(_ grant: ScriptPlan.Grant, root: String) -> String {
        let format = GraphRequestText.grantBody(clientId: "%s", resourceId: "%s", scopes: grant.scopes)
        let body = "\"$(printf \(ShellQuoting.quote(format)) \"$\(objectIdVariable(grant.client))\" \"$\(objectIdVariable(grant.resource))\")\""
        return ShellQuoting.commandLine(["az", "rest", "--method", "POST", "--url", GraphRequestText.grantsURL(root: root), "--body"]) + " " + body
    }

    /// Returns `az rest` that sets a grant's scope to the full list.
    static func replaceScope(grantId: String, scopes: [String], root: String) -> String {
        ShellQuoting.commandLine([
            "az", "rest", "--method", "PATCH", "--url", GraphRequestText.grantURL(root: root, grantId: grantId),
            "--body", GraphRequestText.scopeBody(scopes),
        ])
    }

    /// Returns the comment lines of a step left out because a value failed validation.
    static func omitted(reason: String) -> [String] {
        ScriptComment.lines("Left out: \(reason) A value this step needs failed validation, so the step is not in this script.")
    }
}
