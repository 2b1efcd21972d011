/// The opening comments every emitted script shares: what it changes, where it comes from, and
/// the plan's warnings.
enum ScriptHeader {
    /// Returns the comment lines that open a script.
    ///
    /// - Parameters:
    ///   - tool: What the script uses, such as `Azure CLI commands`.
    ///   - form: The script's form, which decides the warnings that apply to it.
    static func lines(_ plan: ScriptPlan, tool: String, form: EmitForm) -> [String] {
        var lines: [String] = []
        lines += ScriptComment.lines("\(tool) that make \(tenantPhrase(plan)) ready for the client app \(plan.clientAppId) in \(plan.cloudName).")
        if plan.stateAware {
            lines += ScriptComment.lines("Written by \(ToolInfo.name) \(ToolInfo.version) from the tenant's current state. Run `\(ToolInfo.name) check` afterwards to confirm that the tenant is healthy.")
        } else {
            lines += ScriptComment.lines("Written by \(ToolInfo.name) \(ToolInfo.version) from a sign-in error alone, so it cannot know what the tenant has already. `\(ToolInfo.name) check --emit` reads the tenant first and keeps what is granted.")
        }
        let warnings = warnings(plan, form: form)
        if !warnings.isEmpty {
            lines.append("#")
            lines.append("# Before you run it:")
            for warning in warnings {
                lines += bullet(warning)
            }
        }
        return lines
    }

    /// Returns `tenant X`, or `tenants X and Y` for a plan that signs in to several.
    static func tenantPhrase(_ plan: ScriptPlan) -> String {
        let tenants = plan.signInTenants
        guard tenants.count > 1, let last = tenants.last else {
            return "tenant \(plan.tenant)"
        }
        return "tenants \(tenants.dropLast().joined(separator: ", ")) and \(last)"
    }

    /// Returns the plan's warnings that apply to the script of `form`.
    ///
    /// The warnings of an `explain` plan describe the bare commands of its text report. Every
    /// script looks a service principal up before it creates one, so the warning about
    /// `az ad sp create` failing on an existing one applies to none of them. Only the az script
    /// grants with `az ad app permission grant`. The PowerShell and rest scripts create a new
    /// tenant-wide grant instead, which fails when one exists, so they get a warning about that.
    /// The warning about errors the plan does not cover comes first, because it marks the
    /// script as incomplete.
    static func warnings(_ plan: ScriptPlan, form: EmitForm) -> [String] {
        var result: [String] = plan.omittedErrorNotice.map { [$0] } ?? []
        for warning in plan.warnings {
            switch warning {
            case GrantPlanner.createWarning:
                continue
            case GrantPlanner.replaceWarning where form != .az:
                result.append(existingGrantWarning(form))
            default:
                result.append(warning)
            }
        }
        return result
    }

    /// Returns the warning for scripts that create each tenant-wide grant as a new object.
    static func existingGrantWarning(_ form: EmitForm) -> String {
        "Each grant step creates a new tenant-wide grant. Graph rejects it with status 409 when the client already has a tenant-wide grant on that API, and the script stops there. `\(ToolInfo.name) check --emit \(form.rawValue)` reads the tenant and extends the existing grant instead."
    }

    /// Returns `text` as a comment bullet: `# - ` on the first line, `#   ` on the others.
    static func bullet(_ text: String) -> [String] {
        let wrapped = ScriptComment.lines(text, prefix: "#   ")
        guard let first = wrapped.first else {
            return []
        }
        return ["# - " + first.dropFirst(4)] + wrapped.dropFirst()
    }

    /// Returns the comment that lists the placeholders to replace, or nothing when there are none.
    static func placeholderComment(_ placeholders: [String]) -> [String] {
        guard !placeholders.isEmpty else {
            return []
        }
        return ScriptComment.lines("This script still contains placeholders: \(placeholders.joined(separator: ", ")). Replace each with the real value, then delete the next line.")
    }
}
