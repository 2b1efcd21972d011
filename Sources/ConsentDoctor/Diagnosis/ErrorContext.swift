/// An app named in an error. `appId` is set only when the value passed GUID validation.
struct AppReference {
    var appId: String?
    var name: String?
    /// The text found where an appId belongs, when it was not a GUID.
    var rejectedValue: String?

    /// Returns a phrase for prose, such as `Redis Insight (61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0)`.
    func label(fallback: String) -> String {
        switch (name, appId) {
        case let (name?, appId?): "\(name) (\(appId))"
        case let (name?, nil): name
        case let (nil, appId?): appId
        case (nil, nil): fallback
        }
    }
}

/// The API an error names, resolved to an appId where the paste or the profile allows.
struct ResourceReference {
    var app: AppReference
    var uri: String?
    /// The profile's requirement for this API, when the profile needs it.
    var requirement: ResourceRequirement?
    /// The delegated scopes to grant, when known; each passed `Identifiers.isScopeToken`.
    var scopes: [String]?

    /// Returns a phrase for prose, such as `AzureRedisCacheAadApp (acca5fbb-..., https://redis.azure.com)`.
    func label(fallback: String = "the API") -> String {
        let details = [app.appId, uri].compactMap { $0 }
        switch (app.name, details.isEmpty) {
        case let (name?, false): return "\(name) (\(details.joined(separator: ", ")))"
        case let (name?, true): return name
        case (nil, false): return details.joined(separator: ", ")
        case (nil, true): return fallback
        }
    }
}

/// One error with its values resolved against the chosen profile and validated for commands.
///
/// Only values that pass `Identifiers` checks are kept as appIds, tenants and scopes, so a
/// command built from a context cannot carry text from the paste that a shell would interpret.
/// Rejected values are reported in `notes` and replaced by placeholders such as `<tenant-id>`.
struct ErrorContext {
    static let clientPlaceholder = AzCommands.clientPlaceholder
    static let resourcePlaceholder = AzCommands.resourcePlaceholder
    static let scopePlaceholder = AzCommands.scopePlaceholder

    let occurrence: SignInErrorOccurrence
    let cloud: Cloud
    let profile: AppProfile?
    let client: AppReference
    let resource: ResourceReference?
    /// The tenant as a GUID or domain name, when the paste names one that passed validation.
    let tenant: String?
    private(set) var notes: [String] = []

    var values: ExtractedValues { occurrence.values }
    var code: SignInErrorCode? { values.code }

    /// The tenant for commands and URLs, or `<tenant-id>`.
    var tenantOrPlaceholder: String { tenant ?? AzCommands.tenantPlaceholder }

    /// The client appId for commands and URLs, or `<client-app-id>`.
    var clientAppIdOrPlaceholder: String { client.appId ?? Self.clientPlaceholder }

    /// - Parameter pasteProfile: A profile another error of the same paste selected by its client
    ///   appId or markers, used when this error names no client.
    init(occurrence: SignInErrorOccurrence, options: ExplainOptions, pasteProfile: AppProfile? = nil) {
        self.occurrence = occurrence
        cloud = options.cloud
        let values = occurrence.values
        var notes: [String] = []

        let (profile, profileNote) = Self.chooseProfile(for: occurrence, choice: options.profile, pasteProfile: pasteProfile)
        self.profile = profile
        if let profileNote {
            notes.append(profileNote)
        }

        var client = Self.app(appId: values.clientAppId, name: values.clientName, role: "client appId", notes: &notes)
        if client.appId == nil, client.rejectedValue == nil, let profile {
            client.appId = profile.clientAppId
        }
        if client.name == nil, let appId = client.appId {
            client.name = WellKnownApps.app(appId: appId)?.displayName
                ?? (profile?.clientAppId == appId ? profile?.displayName : nil)
        }
        self.client = client

        resource = Self.resource(from: values, profile: profile, notes: &notes)

        if let raw = values.tenant {
            if Identifiers.isTenant(raw) {
                tenant = Identifiers.normalizedGUID(raw) ?? raw.lowercased()
            } else {
                tenant = nil
                let invisible = LookAlikeCharacters.phrase(forIdentifier: raw).map { " (it contains \($0))" } ?? ""
                notes.append("The paste has \(Self.quotedIdentifier(raw)) where the tenant belongs. It is not a tenant id (GUID) or a domain name\(invisible), so the commands use \(AzCommands.tenantPlaceholder); replace it with the tenant's id.")
            }
        } else {
            tenant = nil
        }
        self.notes = notes
    }

    // MARK: - Profile

    /// Picks the profile for an error and returns a note when the choice is an assumption.
    static func chooseProfile(
        for occurrence: SignInErrorOccurrence,
        choice: ExplainOptions.ProfileChoice,
        pasteProfile: AppProfile? = nil
    ) -> (AppProfile?, String?) {
        let values = occurrence.values
        switch choice {
        case .none:
            return (nil, nil)
        case .fixed(let profile):
            if let clientAppId = values.clientAppId, Identifiers.isGUID(clientAppId),
               clientAppId.caseInsensitiveCompare(profile.clientAppId) != .orderedSame {
                return (profile, "The error names the client \(clientAppId), not \(profile.displayName) (\(profile.clientAppId)), but the \(profile.id) profile was chosen on the command line.")
            }
            return (profile, nil)
        case .automatic:
            break
        }

        let redisInsight = AppProfile.redisInsight
        if let clientAppId = values.clientAppId, Identifiers.isGUID(clientAppId) {
            return (AppProfile.builtIn(matching: clientAppId), nil)
        }
        if occurrence.form == .redisInsightLog || occurrence.form == .redisInsightToast {
            return (redisInsight, nil)
        }
        if let redirect = values.redirectURI?.lowercased(),
           redirect.contains(redisInsight.redirectRules?.callbackPath ?? "/api/azure/auth/callback") || redirect.hasPrefix("redisinsight://") {
            return (redisInsight, nil)
        }
        let names = [values.clientName, values.message].compactMap { $0?.lowercased() }
        if names.contains(where: { $0.contains("redisinsight") || $0.contains("redis insight") }) {
            return (redisInsight, nil)
        }
        if let pasteProfile {
            return (pasteProfile, "This error names no client app. Other errors in the same paste come from \(pasteProfile.displayName), so the commands assume it; run with --profile none if another app failed.")
        }
        let redisAPI = WellKnownApps.azureRedisCache
        let namesRedisAPI = values.resourceAppId?.caseInsensitiveCompare(redisAPI.appId) == .orderedSame
            || values.resourceURI.map { WellKnownApps.app(resourceURI: $0) == redisAPI } == true
            || values.resourceName?.caseInsensitiveCompare(redisAPI.displayName) == .orderedSame
        if namesRedisAPI {
            return (redisInsight, "The paste names no client app. Its resource is the Azure Cache for Redis API, so the commands assume the client is RedisInsight; run with --profile none if another app failed.")
        }
        return (nil, nil)
    }

    // MARK: - Values

    private static func app(appId raw: String?, name: String?, role: String, notes: inout [String]) -> AppReference {
        guard let raw else {
            return AppReference(appId: nil, name: name)
        }
        if let appId = Identifiers.normalizedGUID(raw) {
            return AppReference(appId: appId, name: name ?? WellKnownApps.app(appId: appId)?.displayName)
        }
        let invisible = LookAlikeCharacters.phrase(forIdentifier: raw).map { " (it contains \($0))" } ?? ""
        notes.append("The paste has \(quotedIdentifier(raw)) where the \(role) belongs. It is not a GUID\(invisible), so the commands use a placeholder instead.")
        return AppReference(appId: nil, name: name, rejectedValue: raw)
    }

    private static func resource(from values: ExtractedValues, profile: AppProfile?, notes: inout [String]) -> ResourceReference? {
        guard values.resourceAppId != nil || values.resourceURI != nil || values.resourceName != nil else {
            return nil
        }
        var app = Self.app(appId: values.resourceAppId, name: values.resourceName, role: "resource appId", notes: &notes)
        var uri = values.resourceURI

        if app.appId == nil, let uri {
            app.appId = profile?.resource(uri: uri)?.appId ?? WellKnownApps.app(resourceURI: uri)?.appId
        }
        if app.appId == nil, let name = values.resourceName {
            app.appId = appId(forDisplayName: name, profile: profile)
        }
        if let appId = app.appId {
            let wellKnown = WellKnownApps.app(appId: appId)
            app.name = app.name ?? profile?.resource(appId: appId)?.displayName ?? wellKnown?.displayName
            uri = uri ?? profile?.resource(appId: appId)?.resourceURI ?? wellKnown?.resourceURI
        }
        let requirement = app.appId.flatMap { profile?.resource(appId: $0) }
        return ResourceReference(app: app, uri: uri, requirement: requirement, scopes: scopes(for: app.appId, requirement: requirement))
    }

    /// Returns the scopes to grant on a resource: the profile's, or the only delegated scope of
    /// the Redis and Resource Manager APIs (both publish just `user_impersonation`), or nil.
    static func scopes(for appId: String?, requirement: ResourceRequirement?) -> [String]? {
        if let requirement {
            return requirement.scopes.filter { Identifiers.isScopeToken($0) }
        }
        let singleScopeAPIs = [WellKnownApps.azureRedisCache.appId, WellKnownApps.azureResourceManager.appId]
        if let appId, singleScopeAPIs.contains(appId) {
            return ["user_impersonation"]
        }
        return nil
    }

    private static func appId(forDisplayName name: String, profile: AppProfile?) -> String? {
        if let requirement = profile?.resources.first(where: { requirement in
            ([requirement.displayName] + requirement.otherDisplayNames).contains { $0.caseInsensitiveCompare(name) == .orderedSame }
        }) {
            return requirement.appId
        }
        return WellKnownApps.all.first { $0.displayName.caseInsensitiveCompare(name) == .orderedSame }?.appId
    }

    /// Returns a value from the paste in quotes for prose, shortened to keep a note readable.
    static func quoted(_ value: String) -> String {
        let shortened = value.count > 60 ? String(value.prefix(57)) + "..." : value
        return "'\(shortened)'"
    }

    /// Returns `quoted(value)` with every non-ASCII character shown as `[U+XXXX]`, for a value
    /// that should be an ASCII id, so a look-alike character cannot pass for the ASCII one.
    static func quotedIdentifier(_ value: String) -> String {
        LookAlikeCharacters.marked(quoted(value))
    }
}
