/// An endpoint override that cannot be used.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem with the value.
    public enum Problem: Sendable, Equatable {
        case empty
        /// The value has no `scheme://`, such as `graph.example.com`.
        case missingScheme
        /// The value is not an absolute http or https URL, or has a query or fragment.
        case invalid
        /// The value uses plain http to a host that may not receive credentials that way.
        case plainHTTPToRemoteHost(host: String)
        /// The value has a user name or password before `@`, such as `http://user:password@host`.
        case userInfo
    }

    /// The option or variable the value came from, such as `--graph-url`.
    public var setting: String
    /// The value as given, except that `EndpointURL` replaces its user information, query and
    /// fragment, if any, with `[redacted]`.
    public var value: String
    public var problem: Problem

    public init(setting: String, value: String, problem: Problem = .invalid) {
        self.setting = setting
        self.value = value
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .empty:
            return "\(setting) is empty. Give \(example), or leave it out to use the cloud's."
        case .missingScheme:
            return "\(setting) '\(value)' has no scheme. Write it with https://, as in \(example)."
        case .invalid:
            return "\(setting) '\(value)' is not an absolute http or https URL without a query. Give \(example)."
        case .userInfo:
            return "\(setting) '\(value)' contains a user name or password before '@'. consent-doctor signs in with tokens only and sends no credentials in a URL, so remove that part and give \(example)."
        case .plainHTTPToRemoteHost(let host):
            return "\(setting) '\(value)' uses plain http to \(host). A token or secret goes over plain http only to a loopback address (127.0.0.0/8, ::1 or localhost)\(linkLocalClause), so use https for \(host)."
        }
    }

    /// An example of a valid value for the setting.
    private var example: String {
        switch setting {
        case "--graph-url":
            return "a Graph root such as https://graph.microsoft.com or http://127.0.0.1:8445"
        case "IDENTITY_ENDPOINT":
            return "the managed identity endpoint, such as http://127.0.0.1:41000/msi/token"
        default:
            return "a sign-in authority such as https://login.microsoftonline.com or http://127.0.0.1:8445"
        }
    }

    private var linkLocalClause: String {
        setting == "IDENTITY_ENDPOINT" ? " or, for the managed identity endpoint, a link-local address (169.254.0.0/16)" : ""
    }
}
