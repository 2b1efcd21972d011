import Foundation

/// Reads the one claim the tool needs from a token without verifying it: the tenant id.
///
/// The token is only decoded to name the tenant in messages. Graph checks the signature, so a
/// forged `tid` can mislead a message but not grant access.
enum JWTClaims {
    /// Returns the `tid` claim when the token is a JWT whose payload has a GUID there.
    static func tenantId(in token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecode(parts[1]) else {
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let tenant = object["tid"] as? String
        else {
            return nil
        }
        return Identifiers.normalizedGUID(tenant)
    }

    private static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 {
            base64 += "="
        }
        return Data(base64Encoded: base64)
    }
}
