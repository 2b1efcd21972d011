import Foundation

/// The reason a `--fault` specification was rejected.
public struct FaultSpecificationError: Error, CustomStringConvertible, Equatable {
    public var specification: String
    public var problem: String

    public var description: String {
        "Invalid fault '\(specification)': \(problem). See docs/emulator.md for the syntax."
    }
}

extension FaultRule {
    /// Parses `KIND[=VALUE][,OPTION=VALUE]...`.
    ///
    /// - Throws: `FaultSpecificationError` naming the part that is wrong.
    public static func parse(_ specification: String) throws -> FaultRule {
        func fail(_ problem: String) -> FaultSpecificationError {
            FaultSpecificationError(specification: specification, problem: problem)
        }

        let parts = specification.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let head = parts.first, !head.isEmpty else {
            throw fail("it is empty")
        }
        let (kindName, value) = splitPair(head)
        var rule = FaultRule(kind: .throttle, specification: specification)

        func count(_ text: String?) throws -> Int? {
            guard let text else {
                return nil
            }
            guard let number = Int(text), number >= 0 else {
                throw fail("'\(text)' is not a count (a whole number, zero or more)")
            }
            return number
        }
        func requiredNumber(_ text: String?) throws -> Int {
            guard let number = try count(text) else {
                throw fail("'\(kindName)' needs a value, as in '\(kindName)=2'")
            }
            return number
        }

        switch kindName.lowercased() {
        case "latency":
            guard let value, let milliseconds = parseDuration(value) else {
                throw fail("latency needs a duration such as '50ms' or '2s'")
            }
            rule.kind = .latency(milliseconds: milliseconds)
        case "throttle":
            rule.kind = .throttle
            rule.count = try count(value)
        case "unavailable":
            rule.kind = .unavailable
            rule.count = try count(value)
        case "hang":
            rule.kind = .hang
            rule.count = try count(value)
        case "drop-connection":
            rule.kind = .dropConnection
            rule.count = try count(value)
        case "malformed-json":
            rule.kind = .malformedJSON
            rule.count = try count(value)
        case "page-size":
            let size = try requiredNumber(value)
            guard size >= 1 else {
                throw fail("page-size must be 1 or more")
            }
            rule.kind = .pageSize(size)
        case "not-found-after-create":
            rule.kind = .notFoundAfterCreate(reads: try requiredNumber(value))
        case "device-code":
            guard let value, TenantFile.deviceCodeOutcomes.contains(value) else {
                throw fail("device-code needs 'approved', 'declined' or 'expired'")
            }
            rule.kind = .deviceCodeOutcome(value)
        case "device-code-pending":
            rule.kind = .deviceCodePending(try requiredNumber(value))
        case "device-code-slow-down":
            rule.kind = .deviceCodeSlowDown(try requiredNumber(value))
        default:
            throw fail("'\(kindName)' is not a fault kind; use latency, throttle, unavailable, hang, drop-connection, malformed-json, page-size, not-found-after-create, device-code, device-code-pending or device-code-slow-down")
        }

        for option in parts.dropFirst() {
            let (name, optionValue) = splitPair(option)
            guard let optionValue, !optionValue.isEmpty else {
                throw fail("option '\(name)' needs a value, as in '\(name)=...'")
            }
            if rule.isSetting {
                throw fail("'\(kindName)' takes no options")
            }
            switch name.lowercased() {
            case "path":
                guard optionValue.hasPrefix("/") || optionValue.hasPrefix("*") else {
                    throw fail("path '\(optionValue)' must start with '/' or '*'")
                }
                rule.pathPattern = optionValue
            case "method":
                guard ["get", "post", "patch", "put", "delete", "read", "write"].contains(optionValue.lowercased()) else {
                    throw fail("method '\(optionValue)' must be GET, POST, PATCH, PUT, DELETE, read or write")
                }
                rule.method = optionValue
            case "after":
                rule.after = try requiredNumber(optionValue)
            case "retry-after":
                switch rule.kind {
                case .throttle, .unavailable:
                    rule.retryAfterSeconds = try requiredNumber(optionValue)
                default:
                    throw fail("retry-after applies only to throttle and unavailable")
                }
            case "target":
                guard let target = Target(rawValue: optionValue.lowercased()) else {
                    throw fail("target '\(optionValue)' must be 'request' or 'batch-item'")
                }
                if target == .batchItem {
                    switch rule.kind {
                    case .throttle, .unavailable:
                        break
                    default:
                        throw fail("target=batch-item applies only to throttle and unavailable")
                    }
                }
                rule.target = target
            default:
                throw fail("'\(name)' is not an option; use path, method, after, retry-after or target")
            }
        }
        return rule
    }

    private static func splitPair(_ text: String) -> (String, String?) {
        let pieces = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return (pieces[0].trimmingCharacters(in: .whitespaces), pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : nil)
    }

    /// Parses `50ms`, `2s`, `0.5s` or a bare number of milliseconds.
    static func parseDuration(_ text: String) -> Int? {
        let lower = text.lowercased()
        if lower.hasSuffix("ms"), let value = Int(lower.dropLast(2)), value >= 0 {
            return value
        }
        if lower.hasSuffix("s"), let value = Double(lower.dropLast()), value >= 0 {
            return Int((value * 1000).rounded())
        }
        if let value = Int(lower), value >= 0 {
            return value
        }
        return nil
    }
}
