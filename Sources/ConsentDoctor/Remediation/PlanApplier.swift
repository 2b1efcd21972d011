import Foundation

/// The reason `PlanApplier` stopped before the end of a plan.
public enum ApplyFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Graph returned an error status for a write or a read, or sent no response.
    case graph(GraphError)
    /// No token could be obtained.
    case identity(IdentityError)
    /// A value failed validation right before the write, so nothing was sent.
    case invalidValue(GraphWriteInputError)
    /// The tenant differs from what the plan was computed from in a way that makes the write
    /// unsafe, such as a grant that was deleted meanwhile. The sentence names the change and the next step.
    case stateChanged(String)
    /// The tenant contains something fix must not rewrite, such as a grant with a scope value that
    /// is not a valid scope name, so an admin has to change it by hand before fix can finish. The
    /// sentence names the change.
    case manualChangeNeeded(String)

    public var description: String {
        switch self {
        case .graph(let error):
            return error.description
        case .identity(let error):
            return error.description
        case .invalidValue(let error):
            return error.description
        case .stateChanged(let sentence), .manualChangeNeeded(let sentence):
            return sentence
        }
    }

    /// Whether Graph refused the request for lack of permission (403) or rejected the token (401).
    public var isPermissionDenied: Bool {
        if case .graph(let error) = self {
            return error.kind == .permissionDenied || error.kind == .unauthorized
        }
        return false
    }
}

/// The result of applying a plan: one record per step that changes the tenant, in plan order.
public struct PlanApplication: Sendable, Equatable {
    public var writes: [WriteRecord]
    /// The failure that stopped the run; the steps after it are `notAttempted`.
    public var failure: ApplyFailure?
    /// Every Graph request the run made, reads included.
    public var requests: [GraphRequestRecord]
    /// Whether the run stopped because its task was cancelled, such as by Ctrl-C.
    public var interrupted: Bool = false

    /// Whether any write changed the tenant.
    public var changedAnything: Bool {
        writes.contains { $0.outcome == .done }
    }

    /// The writes that were sent but got no definite response, so they may have been applied.
    public var possiblyApplied: [WriteRecord] {
        writes.filter { $0.mayHaveBeenApplied == true }
    }
}

/// Applies a state-aware fix plan through Graph writes, for `fix --apply`.
///
/// Safety rules, each enforced below:
/// - It only creates service principals and `AllPrincipals` grants and adds scopes to them. It
///   never deletes anything, never removes a scope and never changes a `Principal` grant.
/// - A grant is read again right before it is changed, and the new scope is the union of what it
///   contains then and what is required, so a scope added meanwhile is kept. A grant that contains a
///   scope value that is not a valid scope name is left alone, because rewriting it would drop it.
/// - Every value is validated again right before it is sent.
/// - A 409 on a create means the object exists: a service principal then counts as already
///   done, and a grant is read and extended.
/// - The run stops at the first failure and marks the remaining steps as not attempted, so the
///   report shows exactly what changed. Running `fix` again later finishes the job, because a
///   new plan contains only what is still missing.
///
/// New objects can take a while to appear in every Graph replica. After each create it reads
/// the object until Graph returns it, within `replicationPolicy`.
public struct PlanApplier: Sendable {
    public var client: GraphClient
    /// Bounds the reads that wait for a new object to appear.
    public var replicationPolicy: RetryPolicy

    public init(client: GraphClient, replicationPolicy: RetryPolicy = .replication) {
        self.client = client
        self.replicationPolicy = replicationPolicy
    }

    /// Applies `plan` and returns what was written. It does not throw: a failure ends the run and
    /// is returned with the records.
    public func apply(_ plan: FixPlan) async -> PlanApplication {
        var run = ApplyRun(plan: plan)
        let changes = plan.steps.filter { $0.kind != .signIn }

        guard plan.stateAware else {
            let failure = ApplyFailure.stateChanged("The plan was computed from an error message, not from the tenant, so it is not applied. Read the tenant with consent-doctor fix, which plans from its current state.")
            return PlanApplication(writes: changes.map { notAttempted($0) }, failure: failure, requests: [])
        }

        for step in changes {
            if run.failure != nil || run.interrupted {
                run.writes.append(notAttempted(step, interrupted: run.interrupted))
                continue
            }
            if Task.isCancelled {
                run.interrupted = true
                run.writes.append(notAttempted(step, interrupted: true))
                continue
            }
            do {
                let record: WriteRecord
                switch step.kind {
                case .signIn:
                    continue
                case .createServicePrincipal:
                    record = try await createServicePrincipal(step, run: &run)
                case .createGrant:
                    record = try await createGrant(step, run: &run)
                case .extendGrant:
                    record = try await extendGrant(step, run: &run)
                }
                run.writes.append(record)
                client.log.log(.info, "\(ReportLabels.outcome(record.outcome)): \(ReportLabels.stepTitle(step))\(record.requestId.map { " (request-id \($0))" } ?? "").")
            } catch {
                if Task.isCancelled {
                    run.interrupted = true
                    let record = interruptedRecord(step, error: error)
                    run.writes.append(record)
                    client.log.log(.info, "INTERRUPTED: \(ReportLabels.stepTitle(step)).")
                    continue
                }
                let failure = Self.failure(from: error)
                run.failure = failure
                run.writes.append(failedRecord(step, failure: failure))
                client.log.log(.info, "FAILED: \(ReportLabels.stepTitle(step)): \(failure.description)")
            }
        }
        return PlanApplication(writes: run.writes, failure: run.failure, requests: run.requests, interrupted: run.interrupted)
    }

    // MARK: Service principals

    private func createServicePrincipal(_ step: FixStep, run: inout ApplyRun) async throws -> WriteRecord {
        guard let appId = step.appId, Identifiers.isGUID(appId) else {
            throw GraphWriteInputError(field: "appId", value: step.appId ?? "")
        }
        let result: GraphWriteResult
        do {
            result = try await client.createServicePrincipal(appId: appId)
        } catch let error as GraphError {
            run.requests += error.requests
            throw error
        }
        run.requests += result.requests

        var record = WriteRecord(
            step: step,
            outcome: result.outcome == .created ? .done : .alreadyDone,
            method: "POST",
            path: "/servicePrincipals",
            status: result.requests.first?.status,
            requestId: result.requestId,
            objectId: result.objectId
        )
        guard let objectId = result.objectId.flatMap(Identifiers.normalizedGUID) else {
            record.message = "Graph did not return the service principal's object id; the grant steps look it up by appId."
            return record
        }
        run.objectIds[appId.lowercased()] = objectId
        if result.outcome == .alreadyExisted {
            record.message = "The service principal existed already (HTTP 409)."
        } else {
            record.message = await confirmCreated("/servicePrincipals/\(objectId)", object: "service principal", run: &run)
        }
        return record
    }

    // MARK: Helpers

    /// Returns the record of a step that was not attempted because of an earlier failure or an
    /// interruption.
    private func notAttempted(_ step: FixStep, interrupted: Bool = false) -> WriteRecord {
        let reason = interrupted ? "the run was interrupted" : "an earlier step failed"
        return WriteRecord(step: step, outcome: .notAttempted, message: "Not attempted, because \(reason).")
    }

    /// Returns the record of the step that failed, with the request that failed when one was sent.
    private func failedRecord(_ step: FixStep, failure: ApplyFailure) -> WriteRecord {
        var record = WriteRecord(step: step, outcome: .failed, message: failure.description)
        if case .graph(let error) = failure {
            record.method = error.method
            record.path = error.path
            record.status = error.status
            record.requestId = error.requestId
            if error.writeMayHaveTakenEffect {
                record.mayHaveBeenApplied = true
                record.message = failure.description + " " + Self.possiblyAppliedSentence
            }
        }
        return record
    }

    /// Returns the record of a step that the interruption stopped: `failed` and possibly applied
    /// when its write was in flight, otherwise `notAttempted`.
    private func interruptedRecord(_ step: FixStep, error: any Error) -> WriteRecord {
        guard let graphError = error as? GraphError, graphError.writeMayHaveTakenEffect else {
            return notAttempted(step, interrupted: true)
        }
        return WriteRecord(
            step: step,
            outcome: .failed,
            method: graphError.method,
            path: graphError.path,
            status: graphError.status,
            requestId: graphError.requestId,
            message: "The run was interrupted while this write was in flight. " + Self.possiblyAppliedSentence,
            mayHaveBeenApplied: true
        )
    }

    /// Explains a write that may have been applied.
    static let possiblyAppliedSentence = "The write may have been applied, because the request was sent but no definite answer arrived. consent-doctor check, or fix run again, shows the tenant's current state."

    /// Reads a new object until Graph returns it, and returns a note when it did not.
    ///
    /// The write succeeded whatever this read finds, so a failed or cancelled read becomes a note
    /// on the write instead of a failure of it.
    func confirmCreated(_ path: String, object: String, run: inout ApplyRun) async -> String? {
        do {
            return try await readUntilFound(path, run: &run) == nil ? "Graph did not show the new \(object) yet." : nil
        } catch let error as GraphError {
            run.requests += error.requests
            return "Graph did not confirm the new \(object): \(error.summary)"
        } catch {
            return "Graph did not confirm the new \(object), because the read after the write stopped."
        }
    }

    static func failure(from error: any Error) -> ApplyFailure {
        switch error {
        case let failure as ApplyFailure:
            return failure
        case let graph as GraphError:
            return .graph(graph)
        case let identity as IdentityError:
            return .identity(identity)
        case let input as GraphWriteInputError:
            return .invalidValue(input)
        default:
            return .stateChanged("The run stopped: \(error).")
        }
    }

    /// Sends GET to `path` until Graph no longer returns 404, within `replicationPolicy`.
    ///
    /// - Returns: The response, or nil when the object was still missing after the last attempt.
    /// - Throws: `GraphError` for any status other than 2xx and 404.
    func readUntilFound(_ path: String, run: inout ApplyRun) async throws -> HTTPClientResponse? {
        var attempt = 1
        while true {
            let exchange = try await client.send(method: "GET", path: path)
            run.requests.append(exchange.record)
            if exchange.response.isSuccess {
                return exchange.response
            }
            guard exchange.response.status == 404 else {
                throw try await client.error(for: exchange)
            }
            guard attempt < replicationPolicy.maximumAttempts else {
                return nil
            }
            let wait = replicationPolicy.backoff(retry: attempt, jitter: client.sender.jitter())
            client.log.log(.info, "GET \(GraphPath.readable(path)) returned 404 right after a write; reading again in \(String(format: "%.1f s", wait)) (attempt \(attempt + 1) of \(replicationPolicy.maximumAttempts)).")
            try await client.sender.sleeper.sleep(seconds: wait)
            attempt += 1
        }
    }
}

/// The state of one `apply` run.
struct ApplyRun {
    var plan: FixPlan
    var writes: [WriteRecord] = []
    var failure: ApplyFailure?
    var interrupted = false
    var requests: [GraphRequestRecord] = []
    /// Service principal object ids by lower-case appId: from the plan, and from creates.
    var objectIds: [String: String] = [:]

    init(plan: FixPlan) {
        self.plan = plan
        for step in plan.steps {
            if let appId = step.clientAppId?.lowercased(), let id = step.clientObjectId.flatMap(Identifiers.normalizedGUID) {
                objectIds[appId] = id
            }
            if let appId = step.resourceAppId?.lowercased(), let id = step.resourceObjectId.flatMap(Identifiers.normalizedGUID) {
                objectIds[appId] = id
            }
        }
    }
}

extension RetryPolicy {
    /// Reads that wait for a new object to appear: up to 6 attempts, backing off from 0.5 s to
    /// at most 8 s, so the waits add up to at most 15.5 s.
    // NOTE: the bound is an estimate of Graph's usual replication delay, which Microsoft does
    // not publish.
    public static let replication = RetryPolicy(maximumAttempts: 6, initialBackoff: 0.5, maximumBackoff: 8, maximumTotalWait: 16)
}
