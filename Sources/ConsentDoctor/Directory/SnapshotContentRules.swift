import Foundation

/// The rules a loaded snapshot's values must follow beyond their JSON types.
///
/// A snapshot saved by consent-doctor always follows them. A file that breaks one was edited or
/// made by hand, and its values would reach report headers and findings, so loading rejects it
/// with the JSON path of the first value that breaks a rule.
enum SnapshotContentRules {
    /// The literal form of a number in the file.
    enum NumberForm: Equatable {
        case integer(Int)
        /// A number written with a decimal point or an exponent, such as `1.0` or `1e30`, or an
        /// integer too large for `Int`.
        case nonInteger(Double)
    }

    /// Returns how a parsed JSON value was written, or nil when it is not a number. JSON `true`
    /// and `false` are not numbers, although on Linux every `NSNumber` casts to `Bool` and back.
    static func numberForm(_ value: Any?) -> NumberForm? {
        guard let number = value as? NSNumber else {
            return nil
        }
        // `JSONSerialization` stores a literal with a decimal point or exponent as a double
        // (encoding `d`), an integer literal as an integer type, and a Boolean as `c`.
        let encoding = String(cString: number.objCType)
        if encoding == "c" {
            return nil
        }
        if encoding != "d" && encoding != "f", let integer = value as? Int {
            return .integer(integer)
        }
        return .nonInteger(number.doubleValue)
    }

    /// What a number at a path stands for, which decides its valid range.
    private enum NumberMeaning {
        /// A count, such as `roundTrips`: an integer of 0 or more.
        case count
        /// An HTTP status: an integer from 100 to 599.
        case httpStatus
        /// A wait in seconds: any finite number of 0 or more.
        case seconds
    }

    /// Returns the first number in the parsed file that breaks its rule, as a phrase that starts
    /// with its JSON path, or nil when every number is valid. Values that are not numbers are
    /// left to the decoder, which names their path too.
    static func numberProblem(in object: [String: Any]) -> String? {
        var numbers: [(path: String, value: Any?, meaning: NumberMeaning)] = [("roundTrips", object["roundTrips"], .count)]

        for (index, item) in ((object["requests"] as? [Any]) ?? []).enumerated() {
            let request = item as? [String: Any]
            numbers.append(("requests[\(index)].status", request?["status"], .httpStatus))
            numbers.append(("requests[\(index)].attempts", request?["attempts"], .count))
        }

        var lookups: [(path: String, value: Any?)] = ["grants", "authorizationPolicy", "adminConsentRequestPolicy", "organization"].map { ($0, object[$0]) }
        if let principals = object["servicePrincipals"] as? [String: Any] {
            lookups += principals.keys.sorted().map { ("servicePrincipals.\($0)", principals[$0]) }
        }
        for lookup in lookups {
            let failure = (lookup.value as? [String: Any])?["failure"] as? [String: Any]
            numbers.append(("\(lookup.path).failure.httpStatus", failure?["httpStatus"], .httpStatus))
            numbers.append(("\(lookup.path).failure.requestedWaitSeconds", failure?["requestedWaitSeconds"], .seconds))
        }

        let policy = (object["adminConsentRequestPolicy"] as? [String: Any])?["value"] as? [String: Any]
        numbers.append(("adminConsentRequestPolicy.value.reviewerCount", policy?["reviewerCount"], .count))

        for number in numbers {
            if let problem = problem(path: number.path, value: number.value, meaning: number.meaning) {
                return problem
            }
        }
        return nil
    }

    private static func problem(path: String, value: Any?, meaning: NumberMeaning) -> String? {
        guard let form = numberForm(value) else {
            return nil
        }
        switch (form, meaning) {
        case (.nonInteger(let number), .seconds):
            return number.isFinite && number >= 0 ? nil : "\(path) is \(number), but a wait must be 0 seconds or more"
        case (.integer(let number), .seconds):
            return number >= 0 ? nil : "\(path) is \(number), but a wait must be 0 seconds or more"
        case (.nonInteger(let number), _) where abs(number) >= 9.2e18:
            return "\(path) is \(String(format: "%g", number)), which is too large for an integer"
        case (.nonInteger, _):
            return "\(path) must be an integer, written without a decimal point or exponent"
        case (.integer(let number), .count):
            return number >= 0 ? nil : "\(path) is \(number), but a count must be 0 or more"
        case (.integer(let number), .httpStatus):
            return (100...599).contains(number) ? nil : "\(path) is \(number), but an HTTP status is from 100 to 599"
        }
    }

    /// Returns the first identifying value of a decoded snapshot that is not valid, as a phrase
    /// that starts with its JSON path, or nil when all are valid. The cloud must be one of
    /// `Cloud.all`, the tenant a GUID or a domain name, the client appId a GUID, and every
    /// domain a domain name.
    static func valueProblem(in snapshot: DirectorySnapshot) -> String? {
        if Cloud.named(snapshot.cloud) == nil {
            let names = Cloud.all.map(\.name).joined(separator: ", ")
            return "cloud is \"\(SnapshotIdentifiers.shown(snapshot.cloud))\", but it must be one of \(names)"
        }
        if let tenant = snapshot.tenant, !Identifiers.isTenant(tenant) {
            return "tenant is \"\(SnapshotIdentifiers.shown(tenant))\", but it must be a tenant id (GUID) or a domain name such as contoso.onmicrosoft.com"
        }
        if !Identifiers.isGUID(snapshot.clientAppId) {
            return "clientAppId is \"\(SnapshotIdentifiers.shown(snapshot.clientAppId))\", but it must be an appId (GUID)"
        }
        if let problem = domainProblem(snapshot.tenantDomains, path: "tenantDomains") {
            return problem
        }
        if let problem = servicePrincipalKeyProblem(snapshot.servicePrincipals) {
            return problem
        }
        if let organization = snapshot.organization?.value {
            if !Identifiers.isGUID(organization.id) {
                return "organization.value.id is \"\(SnapshotIdentifiers.shown(organization.id))\", but it must be a tenant id (GUID)"
            }
            return domainProblem(organization.domains, path: "organization.value.domains")
        }
        return nil
    }

    /// Returns the first service principal entry whose key is not a GUID, or whose service
    /// principal has another appId than its key. Lookups go by key, so a mismatch would report
    /// one app's service principal as another's.
    private static func servicePrincipalKeyProblem(_ principals: [String: Lookup<ServicePrincipal>]) -> String? {
        for key in principals.keys.sorted() {
            guard Identifiers.isGUID(key) else {
                return "servicePrincipals has the key \"\(SnapshotIdentifiers.shown(key))\", but each key must be an appId (GUID)"
            }
            if let principal = principals[key]?.value, principal.appId.lowercased() != key.lowercased() {
                return "servicePrincipals.\(key).value.appId is \"\(SnapshotIdentifiers.shown(principal.appId))\", but it must be the appId of its key"
            }
        }
        return nil
    }

    private static func domainProblem(_ domains: [String], path: String) -> String? {
        guard let index = domains.firstIndex(where: { !Identifiers.isDomainName($0) }) else {
            return nil
        }
        return "\(path)[\(index)] is \"\(SnapshotIdentifiers.shown(domains[index]))\", but it must be a domain name"
    }
}
