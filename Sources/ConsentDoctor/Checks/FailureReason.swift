/// Reason sentences for a directory read that returned no result, with what would let it succeed.
enum FailureReason {
    /// The kind of directory data a read was after, which decides the permissions it needs.
    enum Subject {
        /// Service principals and oauth2PermissionGrants.
        case applications
        /// The authorization policy and the admin consent request policy.
        case policies
    }

    /// Returns the failure's message followed by what to do about it, and the Graph request-id
    /// when the message does not name it already.
    static func text(for failure: LookupFailure, subject: Subject) -> String {
        var sentences = [failure.message]
        if let advice = advice(for: failure, subject: subject) {
            sentences.append(advice)
        }
        if let requestId = failure.requestId, !failure.message.contains(requestId) {
            sentences.append("Graph request-id: \(requestId).")
        }
        return sentences.joined(separator: " ")
    }

    /// Returns the reason for a finding that depends on another finding that could not be decided.
    static func dependsOn(_ findingId: String, because reason: String) -> String {
        "This depends on \(findingId), which could not be checked: \(reason)"
    }

    /// The permissions that let the check read applications and grants.
    static let applicationReadAccess = "The identity running the check needs the Microsoft Graph permissions Application.Read.All and Directory.Read.All, or one of the Entra roles Global Reader, Directory Readers or Cloud Application Administrator."

    /// The permissions that let the check read tenant consent policies.
    static let policyReadAccess = "Reading tenant consent policies needs the Microsoft Graph permission Policy.Read.All, or the Global Reader role."

    private static func advice(for failure: LookupFailure, subject: Subject) -> String? {
        switch failure.kind {
        case .permissionDenied:
            switch subject {
            case .applications:
                return applicationReadAccess
            case .policies:
                return policyReadAccess
            }
        case .unauthorized:
            return "Sign in again (for example with az login), check that the token is for Microsoft Graph in the cloud and tenant being read, and run the check again."
        case .throttled where failure.requestedWaitSeconds != nil:
            return "Run the check again after the wait Graph requested."
        case .throttled:
            return "The retries ran out. Run the check again in a few minutes."
        case .unreachable:
            return "Run the check again once Graph can be reached."
        case .malformedResponse:
            return "Check that --graph-url, if given, points at Microsoft Graph, and run the check again. If it fails the same way, report the Graph request-id."
        case .httpError where failure.httpStatus.map({ (300..<400).contains($0) }) == true:
            return GraphError.redirectAdvice
        case .httpError:
            return "Run the check again. If it fails the same way, report the Graph request-id."
        case .notInInput:
            return nil
        }
    }
}
