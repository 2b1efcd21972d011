/// Renders a fix plan as Azure CLI command lines.
///
/// Every value in a line must pass `Identifiers` validation or be one of the fixed `placeholders`:
/// a step with an invalid appId or scope renders as no line, and an invalid tenant becomes the
/// tenant placeholder. Every word is shell-quoted
/// as well, so a line is safe to paste into a POSIX shell.
public enum AzCommands {
    /// The placeholder used when the tenant is not known.
    public static let tenantPlaceholder = "<tenant-id>"
    /// The placeholder for a client appId that an error message did not name.
    public static let clientPlaceholder = "<client-app-id>"
    /// The placeholder for a resource appId that an error message did not name.
    public static let resourcePlaceholder = "<resource-app-id>"
    /// The placeholder for scopes that are not known.
    public static let scopePlaceholder = "<scope>"

    /// Fixed strings a reader replaces by hand. They carry no pasted text, so they may appear in
    /// a command (quoted) where a validated value is missing.
    public static let placeholders: Set<String> = [tenantPlaceholder, clientPlaceholder, resourcePlaceholder, scopePlaceholder]

    /// Returns one command line per step, in plan order. A plan for a cloud other than
    /// `AzureCloud` starts with `az cloud set`.
    public static func lines(for plan: FixPlan) -> [String] {
        var lines: [String] = []
        if plan.cloud != Cloud.azureCloud.name {
            let cloud = Identifiers.isCloudName(plan.cloud) ? plan.cloud : "<cloud-name>"
            lines.append(ShellQuoting.commandLine(["az", "cloud", "set", "--name", cloud]))
        }
        for step in plan.steps {
            if let line = line(for: step, plan: plan) {
                lines.append(line)
            }
        }
        return lines
    }

    /// Returns the command line for one step, or nil when the step has nothing to run with az or
    /// contains a value that fails validation.
    public static func line(for step: FixStep, plan: FixPlan) -> String? {
        switch step.kind {
        case .signIn:
            var tenant = step.tenant ?? plan.tenant ?? tenantPlaceholder
            if !Identifiers.isTenant(tenant) {
                tenant = tenantPlaceholder
            }
            return ShellQuoting.commandLine(["az", "login", "--tenant", tenant])
        case .createServicePrincipal:
            guard let appId = step.appId, Identifiers.isGUID(appId) else {
                return nil
            }
            return ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", appId])
        case .createGrant, .extendGrant:
            // `az ad app permission grant` deletes every grant between the client and the
            // resource and creates one AllPrincipals grant, so the scope list is the full union.
            let client = step.clientAppId ?? plan.clientAppId
            guard let resource = step.resourceAppId,
                  Identifiers.isGUID(client) || client == clientPlaceholder,
                  Identifiers.isGUID(resource) || resource == resourcePlaceholder,
                  !step.scopesAfter.isEmpty,
                  step.scopesAfter.allSatisfy({ Identifiers.isScopeToken($0) || $0 == scopePlaceholder })
            else {
                return nil
            }
            return ShellQuoting.commandLine(
                ["az", "ad", "app", "permission", "grant", "--id", client, "--api", resource, "--scope"] + step.scopesAfter
            )
        }
    }

    /// Returns `az ad sp update` that enables the service principal of `appId`, or nil for an
    /// invalid appId.
    public static func enableServicePrincipalLine(appId: String) -> String? {
        guard Identifiers.isGUID(appId) else {
            return nil
        }
        return ShellQuoting.commandLine(["az", "ad", "sp", "update", "--id", appId, "--set", "accountEnabled=true"])
    }
}
