import Foundation

/// The effect of the active faults on one request.
struct FaultDecision: Equatable {
    enum Action: Equatable {
        case throttle(retryAfterSeconds: Int)
        case unavailable(retryAfterSeconds: Int)
        case hang
        case dropConnection
        case malformedJSON
    }

    /// Added delay in milliseconds, the sum of every matching latency rule.
    var latencyMilliseconds = 0
    var action: Action?
}

/// Device code settings that faults override.
struct DeviceCodeOverrides: Equatable {
    var outcome: String?
    var pendingPolls: Int?
    var slowDownPolls: Int?
}

/// The active fault rules and how often each has matched and fired; safe across threads.
///
/// Rules are checked in the order given, and every matching rule counts the request. Of the
/// rules that replace the response, only the first one past its `after` and below its `count`
/// fires.
public final class FaultInjector: @unchecked Sendable {
    private struct ActiveRule {
        var rule: FaultRule
        var matched = 0
        var fired = 0
    }

    private let lock = NSLock()
    private var rules: [ActiveRule] = []

    public init(rules: [FaultRule] = []) {
        self.rules = rules.map { ActiveRule(rule: $0) }
    }

    /// Replaces every rule and resets the counters.
    public func replace(with newRules: [FaultRule]) {
        lock.withLock { rules = newRules.map { ActiveRule(rule: $0) } }
    }

    /// Adds rules after the existing ones.
    public func add(_ newRules: [FaultRule]) {
        lock.withLock { rules += newRules.map { ActiveRule(rule: $0) } }
    }

    /// Returns the active rules' specifications with their counters.
    func summary() -> [JSONObject] {
        lock.withLock {
            rules.map { ["fault": $0.rule.specification, "matched": $0.matched, "fired": $0.fired] }
        }
    }

    /// Decides the latency and action for a request, advancing the counters of matching rules.
    ///
    /// - Parameter changesState: Whether the request can change the directory, for `method=write`
    ///   and `method=read`; nil derives it from the method.
    func decide(method: String, path: String, target: FaultRule.Target, changesState: Bool? = nil) -> FaultDecision {
        lock.withLock {
            var decision = FaultDecision()
            for index in rules.indices where !rules[index].rule.isSetting {
                let rule = rules[index].rule
                guard rule.matches(method: method, path: path, target: target, changesState: changesState) else {
                    continue
                }
                rules[index].matched += 1
                let eligible = rules[index].matched > rule.after && (rule.count.map { rules[index].fired < $0 } ?? true)
                guard eligible else {
                    continue
                }
                if case .latency(let milliseconds) = rule.kind {
                    rules[index].fired += 1
                    decision.latencyMilliseconds += milliseconds
                    continue
                }
                guard decision.action == nil else {
                    continue
                }
                rules[index].fired += 1
                decision.action = Self.action(for: rule)
            }
            return decision
        }
    }

    private static func action(for rule: FaultRule) -> FaultDecision.Action? {
        switch rule.kind {
        case .throttle: .throttle(retryAfterSeconds: rule.retryAfterSeconds)
        case .unavailable: .unavailable(retryAfterSeconds: rule.retryAfterSeconds)
        case .hang: .hang
        case .dropConnection: .dropConnection
        case .malformedJSON: .malformedJSON
        default: nil
        }
    }

    /// The page size cap from the last `page-size` rule, if any.
    var pageSize: Int? {
        lock.withLock {
            rules.compactMap { if case .pageSize(let size) = $0.rule.kind { size } else { nil } }.last
        }
    }

    /// Reads a new object stays hidden, from the last `not-found-after-create` rule, or 0.
    var notFoundAfterCreateReads: Int {
        lock.withLock {
            rules.compactMap { if case .notFoundAfterCreate(let reads) = $0.rule.kind { reads } else { nil } }.last ?? 0
        }
    }

    var deviceCodeOverrides: DeviceCodeOverrides {
        lock.withLock {
            var overrides = DeviceCodeOverrides()
            for active in rules {
                switch active.rule.kind {
                case .deviceCodeOutcome(let outcome): overrides.outcome = outcome
                case .deviceCodePending(let polls): overrides.pendingPolls = polls
                case .deviceCodeSlowDown(let polls): overrides.slowDownPolls = polls
                default: break
                }
            }
            return overrides
        }
    }
}
