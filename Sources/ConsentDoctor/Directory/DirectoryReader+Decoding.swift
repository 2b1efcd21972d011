import Foundation

/// Turning `$batch` responses into lookups.
extension DirectoryReader {
    /// Returns the lookup for one service principal, following pages when Graph split the response.
    func servicePrincipal(
        appId: String,
        response received: GraphBatchResponse?,
        item: GraphBatchRequest,
        batch: GraphBatchResult
    ) async throws -> (Lookup<ServicePrincipal>, [GraphRequestRecord]) {
        let response: GraphBatchResponse
        switch await successfulResponse(received, item: item, batch: batch) {
        case .success(let success):
            response = success
        case .failure(let failure):
            return (.unknown(failure), [])
        }

        do {
            let collection = try await client.continueCollection(firstPageBody: response.body, path: GraphPath.readable(item.url), of: ServicePrincipal.self)
            if let match = collection.values.first(where: { $0.appId.lowercased() == appId }) {
                return (.found(match), collection.requests)
            }
            if collection.values.isEmpty {
                return (.missing, collection.requests)
            }
            let failure = LookupFailure(kind: .malformedResponse, message: "Graph's response to the service principal lookup for \(appId) held only other appIds, so whether this one exists is unknown.", httpStatus: response.status, requestId: response.requestId)
            return (.unknown(failure), collection.requests)
        } catch let failure as GraphError {
            var withRequestId = failure
            withRequestId.requestId = withRequestId.requestId ?? response.requestId
            return (.unknown(withRequestId.lookupFailure), failure.requests)
        }
    }

    /// Decodes a single-object response, such as a policy.
    func decodeItem<Value: Codable & Sendable & Equatable>(
        _ id: String,
        in batch: GraphBatchResult,
        items: [GraphBatchRequest],
        as type: Value.Type,
        decode: (Data) throws -> Value
    ) async -> Lookup<Value> {
        guard let item = items.first(where: { $0.id == id }) else {
            return .unknown(LookupFailure(kind: .notInInput, message: "The $batch had no request with id '\(id)'."))
        }
        switch await successfulResponse(batch.responses[id], item: item, batch: batch) {
        case .failure(let failure):
            return .unknown(failure)
        case .success(let response):
            do {
                return .found(try decode(response.body))
            } catch {
                let failure = GraphError(kind: .malformedResponse, method: item.method, path: GraphPath.readable(item.url), status: response.status, requestId: response.requestId, detail: Self.phrase(error))
                return .unknown(failure.lookupFailure)
            }
        }
    }

    /// Returns the response when it is a success, or the failure to record.
    private func successfulResponse(_ response: GraphBatchResponse?, item: GraphBatchRequest, batch: GraphBatchResult) async -> Result<GraphBatchResponse, LookupFailure> {
        let path = GraphPath.readable(item.url)
        guard let response else {
            let failure = GraphError(kind: .malformedResponse, method: item.method, path: path, detail: "the $batch response has no item with id '\(item.id)'")
            return .failure(failure.lookupFailure)
        }
        guard response.isSuccess else {
            let attempts = batch.requests.filter { $0.path == path }.count
            let failure = await client.error(for: response, request: item, attempts: max(1, attempts))
            return .failure(failure.lookupFailure)
        }
        return .success(response)
    }

    private static func phrase(_ error: any Error) -> String {
        if let problem = error as? DecodingProblem {
            return problem.description
        }
        return GraphDecoding.describe(error)
    }

    /// Reads `defaultUserRolePermissions.permissionGrantPoliciesAssigned`, from the object Graph
    /// v1.0 returns or from the first element of a `value` array.
    static func authorizationPolicy(_ body: Data) throws -> AuthorizationPolicy {
        let object = try singleObject(body)
        guard let permissions = object["defaultUserRolePermissions"] as? [String: Any],
              let assigned = permissions["permissionGrantPoliciesAssigned"] as? [String]
        else {
            throw DecodingProblem(description: "defaultUserRolePermissions.permissionGrantPoliciesAssigned is missing")
        }
        return AuthorizationPolicy(permissionGrantPoliciesAssigned: assigned)
    }

    static func adminConsentRequestPolicy(_ body: Data) throws -> AdminConsentRequestPolicy {
        let object = try singleObject(body)
        guard let isEnabled = object["isEnabled"] as? Bool else {
            throw DecodingProblem(description: "isEnabled is missing")
        }
        let reviewers = (object["reviewers"] as? [Any]) ?? []
        return AdminConsentRequestPolicy(isEnabled: isEnabled, reviewerCount: reviewers.count)
    }

    /// Reads the organization's id and the names of its verified domains.
    static func organization(_ body: Data) throws -> OrganizationIdentity {
        let object = try singleObject(body)
        guard let id = (object["id"] as? String).flatMap(Identifiers.normalizedGUID) else {
            throw DecodingProblem(description: "the organization has no GUID id")
        }
        let domains = (object["verifiedDomains"] as? [[String: Any]] ?? [])
            .compactMap { $0["name"] as? String }
            .filter(Identifiers.isDomainName)
        return OrganizationIdentity(id: id, domains: domains)
    }

    private static func singleObject(_ body: Data) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw DecodingProblem(description: "the body is not a JSON object")
        }
        if let values = object["value"] as? [[String: Any]] {
            guard let first = values.first else {
                throw DecodingProblem(description: "the value array is empty")
            }
            return first
        }
        return object
    }
}

/// A phrase saying what is wrong with a body, for `malformedResponse` failures.
struct DecodingProblem: Error, CustomStringConvertible {
    var description: String
}

extension GraphClient {
    /// Returns the typed error for a failed `$batch` item.
    func error(for response: GraphBatchResponse, request: GraphBatchRequest, attempts: Int) async -> GraphError {
        let body = GraphErrorBody.parse(response.body)
        let secrets = (try? await tokenProvider.token().value).map { [$0] } ?? []
        return GraphError(
            kind: GraphError.kind(forStatus: response.status),
            method: request.method,
            path: GraphPath.readable(request.url),
            status: response.status,
            code: body?.code.map { SecretRedaction.cleaned($0, secrets: secrets) },
            graphMessage: body?.message.flatMap { SecretRedaction.singleLine($0, secrets: secrets) },
            requestId: response.requestId,
            attempts: attempts,
            declinedWait: declinedWait(for: response),
            location: GraphError.shownLocation(response.header("Location"))
        )
    }

    /// Returns the wait a throttled `$batch` item requested with `Retry-After` when it is longer
    /// than the retry policy allows in all, which is why the item was not retried.
    private func declinedWait(for response: GraphBatchResponse) -> RetryingSender.DeclinedWait? {
        guard response.status == 429 || response.status == 503,
              let header = response.headers.first(where: { $0.key.caseInsensitiveCompare("Retry-After") == .orderedSame })?.value,
              let requested = RetryAfter.seconds(from: header, now: sender.sleeper.now()),
              requested > sender.policy.maximumTotalWait
        else {
            return nil
        }
        return RetryingSender.DeclinedWait(requested: requested, limit: sender.policy.maximumTotalWait)
    }
}
