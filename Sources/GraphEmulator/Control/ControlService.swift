import Foundation

/// The `/_emulator/` endpoints tests use to inspect and steer a running emulator. They need no
/// token and are not counted or recorded in the request log.
///
/// - `GET /_emulator/health`
/// - `GET /_emulator/requests` and `GET /_emulator/requests/count`
/// - `GET /_emulator/state`
/// - `POST /_emulator/reset` (counters and log; `?state=true` also restores the tenant file's objects)
/// - `GET`, `PUT`, `POST`, `DELETE /_emulator/faults`
struct ControlService {
    static let prefix = "/_emulator/"

    let emulator: Emulator

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path.lowercased()
        let method = request.method.uppercased()
        switch (method, path) {
        case ("GET", "/_emulator/health"):
            return .json(200, ["status": "ok", "tenantId": emulator.tenant.tenantId])
        case ("GET", "/_emulator/requests"):
            let records = emulator.requestLog.snapshot.map { $0.jsonObject() }
            return .json(200, ["count": emulator.requestLog.count, "requests": records] as JSONObject)
        case ("GET", "/_emulator/requests/count"):
            return .json(200, ["count": emulator.requestLog.count])
        case ("GET", "/_emulator/state"):
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: emulator.stateJSON())
        case ("POST", "/_emulator/reset"):
            emulator.requestLog.reset()
            let restoreState = request.queryValue("state")?.lowercased() == "true"
            if restoreState {
                emulator.store.resetToTenantFile()
            }
            return .json(200, ["reset": true, "stateRestored": restoreState])
        case ("GET", "/_emulator/faults"):
            return .json(200, ["faults": emulator.faults.summary()])
        case ("PUT", "/_emulator/faults"), ("POST", "/_emulator/faults"):
            return updateFaults(request, replace: method == "PUT")
        case ("DELETE", "/_emulator/faults"):
            emulator.faults.replace(with: [])
            return .json(200, ["faults": [Any]()])
        default:
            return .json(404, ["error": "No control endpoint \(method) \(request.path). See docs/emulator.md for the list."])
        }
    }

    private func updateFaults(_ request: HTTPRequest, replace: Bool) -> HTTPResponse {
        guard let body = JSONSupport.object(from: request.body), let specifications = body["faults"] as? [String] else {
            return .json(400, ["error": "Send a JSON object such as {\"faults\": [\"throttle=2\"]}."])
        }
        do {
            let rules = try specifications.map(FaultRule.parse)
            if replace {
                emulator.faults.replace(with: rules)
            } else {
                emulator.faults.add(rules)
            }
            return .json(200, ["faults": emulator.faults.summary()])
        } catch {
            return .json(400, ["error": "\(error)"])
        }
    }
}
