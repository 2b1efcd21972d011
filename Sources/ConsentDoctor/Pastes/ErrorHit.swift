/// A place in a text where a sign-in error is named: an AADSTS code or one of the code-less
/// markers that RedisInsight and the Azure CLI print.
struct ErrorHit: Sendable {
    enum Kind: Sendable, Equatable {
        /// `AADSTS` followed by the code's digits.
        case code(Int)
        /// RedisInsight's `"errorCode": 12400` or `11024`.
        case applicationErrorCode(Int)
        /// RedisInsight's "Failed to get authenticated client", which it reports as errorCode 12400.
        case authenticatedClientFailure
        /// The Azure CLI's "Insufficient privileges to complete the operation." from Graph.
        case graphPrivileges

        var isCodeless: Bool {
            if case .code = self {
                return false
            }
            return true
        }
    }

    var kind: Kind
    var range: Range<String.Index>

    /// The RedisInsight error code for 12400 (a silent Resource Manager token failure).
    static let authenticatedClientErrorCode = 12400
    /// The RedisInsight error code for 11024 (the Redis token expired).
    static let redisTokenExpiredErrorCode = 11024

    /// The byte strings the streaming scanner looks for; every hit starts with one of them.
    static let markers: [[UInt8]] = [
        Array("AADSTS".utf8),
        Array("Failed to get authenticated client".utf8),
        Array("errorCode".utf8),
        Array("Insufficient privileges to complete the operation".utf8),
    ]

    private static let pattern = TextPattern(
        #"AADSTS(\d{1,9})(?![0-9])|(Failed to get authenticated client)|errorCode"?\s*[:=]\s*"?(12400|11024)(?![0-9])|(Insufficient privileges to complete the operation)"#,
        caseInsensitive: false
    )

    /// Returns every hit in `text`, in order.
    static func all(in text: String) -> [ErrorHit] {
        pattern.matches(in: text).compactMap { match in
            if let digits = match.groups[0], let number = Int(digits) {
                return ErrorHit(kind: .code(number), range: match.range)
            }
            if match.groups[1] != nil {
                return ErrorHit(kind: .authenticatedClientFailure, range: match.range)
            }
            if let digits = match.groups[2], let number = Int(digits) {
                return ErrorHit(kind: .applicationErrorCode(number), range: match.range)
            }
            if match.groups[3] != nil {
                return ErrorHit(kind: .graphPrivileges, range: match.range)
            }
            return nil
        }
    }
}
