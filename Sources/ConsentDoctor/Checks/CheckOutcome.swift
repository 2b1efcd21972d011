/// The overall outcome of a health check, which decides the command's exit status.
public enum CheckOutcome: String, Sendable, Equatable {
    /// Every check passed. Exit status 0.
    case healthy
    /// At least one check failed, or checks could not run for a reason other than access or
    /// reachability (such as input that lacks the information). Exit status 1.
    case problems
    /// Nothing failed, but Graph denied or rejected at least one read. Exit status 77.
    case permissionDenied = "permission-denied"
    /// Nothing failed, but Graph could not be reached or kept throttling. Exit status 69.
    case unreachable

    /// Decides the outcome from the findings and the read failures in the snapshot. A failed
    /// check wins over an unreadable one, and a denied read wins over an unreachable Graph.
    public static func of(findings: [Finding], snapshot: DirectorySnapshot) -> CheckOutcome {
        switch Verdict.forFindings(findings).status {
        case .healthy:
            return .healthy
        case .problems, .diagnosed, .noErrorFound:
            return .problems
        case .incomplete:
            break
        }
        let kinds = Set(snapshot.lookupFailures.map(\.kind))
        if kinds.contains(.permissionDenied) || kinds.contains(.unauthorized) {
            return .permissionDenied
        }
        if kinds.contains(.unreachable) || kinds.contains(.throttled) {
            return .unreachable
        }
        return .problems
    }

    /// The exit status for the outcome, following BSD `sysexits.h` for 69 (EX_UNAVAILABLE) and
    /// 77 (EX_NOPERM).
    public var exitStatus: Int32 {
        switch self {
        case .healthy:
            return 0
        case .problems:
            return 1
        case .unreachable:
            return 69
        case .permissionDenied:
            return 77
        }
    }
}

extension DirectorySnapshot {
    /// Every read failure the snapshot contains: service principals, grants, policies and the
    /// organization.
    public var lookupFailures: [LookupFailure] {
        var failures = servicePrincipals.keys.sorted().compactMap { servicePrincipals[$0]?.failure }
        failures += [grants.failure, authorizationPolicy.failure, adminConsentRequestPolicy.failure, organization?.failure].compactMap { $0 }
        return failures
    }
}
