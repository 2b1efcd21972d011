/// The values that tell one error from another, normalised for comparison.
///
/// Errors are compared only within a group: the same AADSTS code, or, for errors without a
/// code, the same application error code. Within a group, the identifying values (client,
/// resource, tenant, redirect URI, Graph error code, and for coded errors the application error
/// code) are compared ignoring case, and a value missing on either side never disagrees.
struct MergeKey: Hashable {
    /// The errors a key is compared with.
    struct Group: Hashable {
        var code: Int?
        /// The application error code of an error without an AADSTS code, which must match exactly.
        var codelessApplicationErrorCode: Int?
    }

    /// The number of identifying values, and so of bits in `mask`.
    static let fieldCount = 7

    var group: Group
    /// The identifying values, lowercased, in a fixed order; nil where absent.
    var fields: [String?]
    /// Bit `i` is set when `fields[i]` is present.
    var mask: UInt8

    init(_ values: ExtractedValues) {
        group = Group(
            code: values.code?.rawValue,
            codelessApplicationErrorCode: values.code == nil ? values.applicationErrorCode : nil
        )
        let applicationErrorCode = values.code == nil ? nil : values.applicationErrorCode.map(String.init)
        fields = [
            values.clientAppId, values.resourceAppId, values.resourceURI, values.tenant, values.redirectURI,
            values.graphErrorCode, applicationErrorCode,
        ].map { $0?.lowercased() }
        mask = 0
        for (position, field) in fields.enumerated() where field != nil {
            mask |= 1 << position
        }
    }

    /// Returns the values at the bits of `mask`, in field order.
    func projection(_ mask: UInt8) -> [String] {
        var result: [String] = []
        for (position, field) in fields.enumerated() where mask & (1 << position) != 0 {
            if let field {
                result.append(field)
            }
        }
        return result
    }
}
