import Foundation
import Testing
@testable import ConsentDoctor

struct SharedReasonsTests {
    private func finding(_ id: String, reason: String?) -> Finding {
        Finding(id: id, title: id, status: reason == nil ? .pass : .unknown, detail: "Detail.", reason: reason)
    }

    private func occurrences(of part: String, in text: String) -> Int {
        text.components(separatedBy: part).count - 1
    }

    /// Returns a snapshot in which one 401 on the first `$batch` stopped every read, as the reader records it.
    private func rejectedTokenSnapshot() -> DirectorySnapshot {
        let failure = GraphError(
            kind: .unauthorized,
            method: "POST",
            path: "/$batch",
            status: 401,
            code: "InvalidAuthenticationToken",
            graphMessage: "Access token has expired or is not yet valid.",
            requestId: "5d0c9a3e-1b7f-4e26-8a49-c3f2e1d0b7a6"
        ).lookupFailure
        var grantsFailure = failure
        grantsFailure.message = "The client's oauth2PermissionGrants were not read, because its service principal could not be read. \(failure.message)"
        var snapshot = TenantFixtures.healthy()
        for appId in snapshot.servicePrincipals.keys {
            snapshot.servicePrincipals[appId] = .unknown(failure)
        }
        snapshot.grants = .unknown(grantsFailure)
        snapshot.authorizationPolicy = .unknown(failure)
        snapshot.adminConsentRequestPolicy = .unknown(failure)
        snapshot.tenant = nil
        return snapshot
    }

    @Test func findKeepsRepeatedCandidates() {
        let findings = [
            finding("a", reason: "Prefix. Shared cause. Advice."),
            finding("b", reason: "Shared cause. Advice."),
            finding("c", reason: "Lonely cause."),
            finding("d", reason: nil),
        ]
        let shared = SharedReasons.find(in: findings, candidates: ["Lonely cause.", "Shared cause. Advice.", "Prefix. Shared cause. Advice.", ""])
        #expect(shared == ["Shared cause. Advice."])
    }

    @Test func findDropsLongerForms() {
        let findings = [
            finding("a", reason: "Grants were not read. Root cause."),
            finding("b", reason: "Grants were not read. Root cause."),
            finding("c", reason: "Root cause."),
        ]
        let shared = SharedReasons.find(in: findings, candidates: ["Grants were not read. Root cause.", "Root cause."])
        #expect(shared == ["Root cause."])
    }

    @Test func findOrdersByFirstFinding() {
        let findings = [
            finding("a", reason: "Second cause."),
            finding("b", reason: "First cause. Second cause."),
            finding("c", reason: "First cause."),
        ]
        let shared = SharedReasons.find(in: findings, candidates: ["First cause.", "Second cause."])
        #expect(shared == ["Second cause.", "First cause."])
    }

    @Test func referencingStartsSentences() {
        let shared = ["Graph rejected the token. Sign in again."]
        #expect(SharedReasons.referencing("Graph rejected the token. Sign in again.", shared: shared) == "See reason 1 above.")
        #expect(SharedReasons.referencing("This depends on x, which could not be checked: Graph rejected the token. Sign in again.", shared: shared) == "This depends on x, which could not be checked: see reason 1 above.")
        #expect(SharedReasons.referencing("Grants were not read. Graph rejected the token. Sign in again.", shared: shared) == "Grants were not read. See reason 1 above.")
    }

    @Test func referencingCollapsesRepeats() {
        let shared = ["Cause one.", "Cause two."]
        let reason = "Neither could be read. Grants: Cause one. Cause one. Policy: Cause two."
        #expect(SharedReasons.referencing(reason, shared: shared) == "Neither could be read. Grants: see reason 1 above. Policy: see reason 2 above.")
    }

    @Test func referencingKeepsOtherReasons() {
        #expect(SharedReasons.referencing("Something else.", shared: ["Cause one."]) == "Something else.")
        #expect(SharedReasons.referencing("Something else.", shared: []) == "Something else.")
    }

    @Test func rejectedTokenStatedOnce() throws {
        let context = TenantFixtures.context(rejectedTokenSnapshot())
        let report = CheckReportBuilder.report(for: context, generatedAt: "2026-12-04T20:17:05Z")
        let shared = try #require(report.sharedReasons)
        let text = TextRenderer.render(report, options: RenderOptions(color: false))
        let markdown = MarkdownRenderer.render(report)
        let html = HTMLRenderer.render(report)

        #expect(shared.count == 1)
        #expect(shared.first?.hasPrefix("Graph rejected the token for POST /$batch with status 401") == true)
        #expect(occurrences(of: "Sign in again", in: shared[0]) == 1)
        #expect(occurrences(of: "Sign in again", in: text) == 1)
        #expect(occurrences(of: "Sign in again", in: markdown) == 1)
        #expect(occurrences(of: "Sign in again", in: html) == 1)
        #expect(text.contains("Why some checks could not run:\n  1. Graph rejected the token"))
        #expect(text.contains("Reason: See reason 1 above."))
        #expect(text.contains("Reason: This depends on service-principal.client, which could not be checked: see reason 1 above."))
        #expect(markdown.contains("## Why some checks could not run"))
        #expect(html.contains("<section id=\"shared-reasons\">"))
        for finding in report.findings where finding.status == .unknown {
            #expect(finding.reason?.contains(shared[0]) == true, "\(finding.id)")
        }
    }

    @Test func noSharedReasonWhenHealthy() {
        let report = CheckReportBuilder.report(for: TenantFixtures.context(TenantFixtures.healthy()), generatedAt: "2026-12-04T20:17:05Z")
        #expect(report.sharedReasons == nil)
        #expect(!JSONRenderer.render(report).contains("sharedReasons"))
        #expect(!TextRenderer.render(report, options: RenderOptions(color: false)).contains("Why some checks could not run"))
    }

    @Test func graphErrorAdviceIsSeparate() {
        let error = GraphError(kind: .permissionDenied, method: "GET", path: "/servicePrincipals?$filter=appId eq 'x'&$select=id,appId", status: 403, code: "Authorization_RequestDenied", requestId: "r-1")
        #expect(error.summary == "Graph denied GET /servicePrincipals?$filter=appId eq 'x' with status 403 (code Authorization_RequestDenied, request-id r-1).")
        #expect(error.description == "\(error.summary) \(error.advice ?? "")")
        #expect(error.lookupFailure.message == error.summary)
    }

    @Test func unavailableIsNotThrottling() {
        let error = GraphError(kind: .throttled, method: "POST", path: "/$batch", status: 503, requestId: "r-2", attempts: 4)
        #expect(error.summary == "Graph was unavailable for POST /$batch: it returned status 503 after 4 attempts (request-id r-2).")
    }

    @Test func failureReasonNamesRequestIdOnce() {
        let failure = GraphError(kind: .unauthorized, method: "POST", path: "/$batch", status: 401, requestId: "r-3").lookupFailure
        let text = FailureReason.text(for: failure, subject: .applications)
        #expect(occurrences(of: "r-3", in: text) == 1)
        #expect(occurrences(of: "Sign in again", in: text) == 1)
    }
}
