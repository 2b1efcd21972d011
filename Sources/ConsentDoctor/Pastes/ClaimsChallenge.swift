import Foundation

/// Reads the `claims` challenge Entra ID returns with Conditional Access and MFA errors.
enum ClaimsChallenge {
    /// Returns the Conditional Access policy ids in a claims challenge such as
    /// `{"access_token":{"capolids":{"essential":true,"values":["..."]}}}`, or none.
    static func policyIds(in claims: String) -> [String] {
        guard let data = claims.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data),
              let root = object as? [String: Any]
        else {
            return []
        }
        var result: [String] = []
        for key in root.keys.sorted() {
            guard let token = root[key] as? [String: Any],
                  let policies = token["capolids"] as? [String: Any],
                  let values = policies["values"] as? [Any]
            else {
                continue
            }
            for case let value as String in values where Identifiers.isGUID(value) && !result.contains(value.lowercased()) {
                result.append(value.lowercased())
            }
        }
        return result
    }
}
