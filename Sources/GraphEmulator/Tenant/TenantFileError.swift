import Foundation

/// Why a tenant file could not be used: which file, which field and what is wrong with it.
public struct TenantFileError: Error, CustomStringConvertible, Equatable {
    /// The file path or another name for the source of the JSON.
    public var source: String
    /// The field in dotted form, such as `servicePrincipals[2].appId`; nil for the whole file.
    public var field: String?
    public var problem: String

    public init(source: String, field: String?, problem: String) {
        self.source = source
        self.field = field
        self.problem = problem
    }

    public var description: String {
        if let field {
            return "Tenant file '\(source)': field '\(field)' \(problem)."
        }
        return "Tenant file '\(source)': \(problem)."
    }
}
