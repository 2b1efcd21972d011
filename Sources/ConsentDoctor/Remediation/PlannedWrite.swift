/// One Graph write that `fix --apply` would make for a plan step, as the dry run lists it.
public struct PlannedWrite: Sendable, Equatable {
    public var method: String
    /// The path relative to the Graph version root, such as `/servicePrincipals`.
    public var path: String
    /// The JSON body. An object id that exists only after an earlier write appears as a
    /// description in brackets.
    public var body: String
    public var step: FixStep

    /// Returns the writes for the plan's steps, in order. Sign-in steps make no write.
    public static func list(for plan: FixPlan) -> [PlannedWrite] {
        plan.steps.compactMap { step in
            switch step.kind {
            case .signIn:
                return nil
            case .createServicePrincipal:
                return PlannedWrite(
                    method: "POST",
                    path: "/servicePrincipals",
                    body: GraphRequestText.servicePrincipalBody(appId: step.appId ?? "(appId not known)"),
                    step: step
                )
            case .createGrant:
                let client = step.clientObjectId ?? "(object id of the service principal for \(step.clientAppId ?? plan.clientAppId))"
                let resource = step.resourceObjectId ?? "(object id of the service principal for \(step.resourceAppId ?? "the API"))"
                return PlannedWrite(
                    method: "POST",
                    path: "/oauth2PermissionGrants",
                    body: GraphRequestText.grantBody(clientId: client, resourceId: resource, scopes: step.scopesAfter),
                    step: step
                )
            case .extendGrant:
                return PlannedWrite(
                    method: "PATCH",
                    path: "/oauth2PermissionGrants/\(step.grantId ?? "(grant id not known)")",
                    body: GraphRequestText.scopeBody(step.scopesAfter),
                    step: step
                )
            }
        }
    }

    /// The request as one line, such as `POST /servicePrincipals {"appId":"…"}`.
    public var requestLine: String {
        "\(method) \(path) \(body)"
    }
}
