/// Renders a fix plan as Azure CLI command lines.
///
/// Every value in a line has passed `Identifiers` validation when the plan was built, and every
/// word is shell-quoted again here, so a line is safe to paste into a POSIX shell.
public enum AzCommands {
    /// The placeholder used when the tenant is not known.
    public static let tenantPlaceholder = "<tenant-id>"

    /// Returns one command line per step, in plan order. A plan for a cloud other than
    /// `AzureCloud` starts with `az cloud set`.
    public static func lines(for plan: FixPlan) -> [String] {
        var lines: [String] = []
        if plan.cloud != Cloud.azureCloud.name {
            lines.append(ShellQuoting.commandLine(["az", "cloud", "set", "--name", plan.cloud]))
        }
        for step in plan.steps {
            if let line = line(for: step, plan: plan) {
                lines.append(line)
            }
        }
        return lines
    }

    /// Returns the command line for one step, or nil when the step has nothing to run with az.
    public static func line(for step: FixStep, plan: FixPlan) -> String? {
        switch step.kind {
        case .signIn:
            let tenant = step.tenant ?? plan.tenant
            return ShellQuoting.commandLine(["az", "login", "--tenant", tenant ?? tenantPlaceholder])
        case .createServicePrincipal:
            guard let appId = step.appId else {
                return nil
            }
            return ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", appId])
        case .createGrant, .extendGrant:
            // `az ad app permission grant` deletes every grant between the client and the
            // resource and creates one AllPrincipals grant, so the scope list is the full union.
            let client = step.clientAppId ?? plan.clientAppId
            guard let resource = step.resourceAppId else {
                return nil
            }
            return ShellQuoting.commandLine(
                ["az", "ad", "app", "permission", "grant", "--id", client, "--api", resource, "--scope"] + step.scopesAfter
            )
        }
    }
}
