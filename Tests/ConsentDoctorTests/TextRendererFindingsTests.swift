import Testing
@testable import ConsentDoctor

struct TextRendererFindingsTests {
    typealias T = TenantFixtures

    static func sampleReport(writes: [WriteRecord] = []) -> Report {
        let findings = [
            Finding(
                id: "grant.redis-api",
                title: "Admin consent to AzureRedisCacheAadApp",
                status: .fail,
                detail: "No tenant-wide grant exists.",
                evidence: [Evidence(label: "resource service principal object id", value: T.redisObjectId)],
                relatedCodes: [.invalidResource, .delegationDoesNotExist]
            ),
            Finding(
                id: "openid.user-consent",
                title: "Users can get openid",
                status: .unknown,
                detail: "Could not be checked.",
                reason: "Graph denied the read.",
                relatedCodes: [.adminConsentRequired]
            ),
            Finding(id: "grants.per-user", title: "Per-user grants", status: .info, detail: "None."),
            Finding(id: "client.enabled", title: "Enabled", status: .pass, detail: "Enabled.", relatedCodes: [.clientApplicationDisabled]),
        ]
        let plan = FixPlan(tenant: T.tenant, cloud: "AzureCloud", clientAppId: T.clientAppId, stateAware: true, steps: [
            FixStep(kind: .signIn, reason: "Sign in.", tenant: T.tenant),
            FixStep(kind: .createGrant, reason: "Grant.", clientAppId: T.clientAppId, resourceAppId: T.redisAppId, scopesAfter: ["user_impersonation"]),
        ], warnings: ["The plan may be incomplete."])
        return Report(
            command: writes.isEmpty ? .check : .fix,
            generatedAt: "2026-12-04T20:17:05Z",
            tenant: T.tenant,
            cloud: "AzureCloud",
            profileId: "redisinsight",
            verdict: Verdict.forFindings(findings),
            findings: findings,
            plan: plan,
            commands: AzCommands.lines(for: plan),
            writes: writes,
            notes: ["Read from Microsoft Graph: 4 requests in 2 round trips."]
        )
    }

    @Test func plainLayout() {
        let text = TextRenderer.render(Self.sampleReport(), options: RenderOptions(color: false))

        #expect(text == """
        consent-doctor check: PROBLEMS (1 passed, 1 failed, 0 warnings, 1 unknown, 1 info)
        Tenant: 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79  Cloud: AzureCloud  Profile: redisinsight

        FAIL     Admin consent to AzureRedisCacheAadApp [grant.redis-api]
                 No tenant-wide grant exists.
                 resource service principal object id: 3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40
                 Users see: AADSTS650057, AADSTS65001

        UNKNOWN  Users can get openid [openid.user-consent]
                 Could not be checked.
                 Reason: Graph denied the read.
                 If this fails, users see: AADSTS90094

        INFO     Per-user grants [grants.per-user]
                 None.

        PASS     Enabled [client.enabled]
                 Enabled.

        Run these commands (in order, as an admin of the tenant):
          az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79
          az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation

        Before you run them
          - The plan may be incomplete.

        Notes
          - Read from Microsoft Graph: 4 requests in 2 round trips.

        """)
    }

    @Test func healthyLayout() {
        let report = CheckReportBuilder.report(for: T.context(T.healthy()), generatedAt: "t")
        let text = TextRenderer.render(report, options: RenderOptions(color: false))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)

        #expect(lines.first == "consent-doctor check: HEALTHY (11 passed, 0 failed, 0 warnings, 0 unknown, 3 info)")
        #expect(text.contains("\nNothing to run: the plan changes nothing.\n"))
        #expect(!text.contains("Before you run them"))
        #expect(text.hasSuffix("Notes\n  - Read from Microsoft Graph: 0 requests in 0 round trips.\n"))
    }

    @Test func colourOnlyWhenAsked() {
        let plain = TextRenderer.render(Self.sampleReport(), options: RenderOptions(color: false))
        let coloured = TextRenderer.render(Self.sampleReport(), options: RenderOptions(color: true))

        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[31mFAIL     \u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mUNKNOWN  \u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32mPASS     \u{1B}[0m"))
        #expect(coloured.contains(": \u{1B}[31mPROBLEMS\u{1B}[0m ("))
    }

    @Test func fixWrites() {
        let step = FixStep(kind: .createGrant, reason: "Grant user_impersonation.", resourceAppId: T.redisAppId)
        let report = Self.sampleReport(writes: [WriteRecord(step: step, outcome: .done, status: 201)])
        let text = TextRenderer.render(report, options: RenderOptions(color: false))

        #expect(text.hasPrefix("consent-doctor fix: PROBLEMS"))
        #expect(text.contains("\nChanges made (in order):\n  DONE           Create an AllPrincipals grant on acca5fbb-b7e4-4009-81f1-37e38fd66d78 with scopes: (none)\n                 No request sent: HTTP 201\n"))
    }

    @Test func fixWriteDetails() {
        let step = FixStep(kind: .createServicePrincipal, reason: "No service principal.", appId: T.redisAppId, displayName: "AzureRedisCacheAadApp")
        let writes = [
            WriteRecord(step: step, outcome: .done, method: "POST", path: "/servicePrincipals", status: 201, requestId: "req-1", objectId: T.redisObjectId),
            WriteRecord(step: step, outcome: .failed, method: "POST", path: "/servicePrincipals", status: 403, requestId: "req-2", message: "Graph denied it."),
            WriteRecord(step: step, outcome: .notAttempted, message: "Not attempted, because an earlier step failed."),
        ]
        let text = TextRenderer.render(Self.sampleReport(writes: writes), options: RenderOptions(color: false))

        #expect(text.contains("""
        Changes made (in order):
          DONE           Create the service principal for AzureRedisCacheAadApp (acca5fbb-b7e4-4009-81f1-37e38fd66d78)
                         POST /servicePrincipals: HTTP 201, request-id req-1, object id 3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40
          FAILED         Create the service principal for AzureRedisCacheAadApp (acca5fbb-b7e4-4009-81f1-37e38fd66d78)
                         POST /servicePrincipals: HTTP 403, request-id req-2
                         Graph denied it.
          NOT ATTEMPTED  Create the service principal for AzureRedisCacheAadApp (acca5fbb-b7e4-4009-81f1-37e38fd66d78)
                         Not attempted, because an earlier step failed.

        """))
    }

    @Test func fixWriteColours() {
        let step = FixStep(kind: .createServicePrincipal, reason: "No service principal.", appId: T.redisAppId)
        let writes = [
            WriteRecord(step: step, outcome: .alreadyDone),
            WriteRecord(step: step, outcome: .failed),
            WriteRecord(step: step, outcome: .notAttempted),
        ]
        let text = TextRenderer.render(Self.sampleReport(writes: writes), options: RenderOptions(color: true))

        #expect(text.contains("\u{1B}[32mALREADY DONE   \u{1B}[0m"))
        #expect(text.contains("\u{1B}[31mFAILED         \u{1B}[0m"))
        #expect(text.contains("\u{1B}[33mNOT ATTEMPTED  \u{1B}[0m"))
    }

    @Test func fixDryRunListsWrites() {
        var report = Self.sampleReport()
        report.command = .fix
        report.commands = []
        let text = TextRenderer.render(report, options: RenderOptions(color: false))

        #expect(text.contains("""
        Graph writes to make (in order; none is made without --apply):
          1. POST /oauth2PermissionGrants {"clientId":"(object id of the service principal for 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0)","consentType":"AllPrincipals","resourceId":"(object id of the service principal for acca5fbb-b7e4-4009-81f1-37e38fd66d78)","scope":"user_impersonation"}
             Grant.

        Before you apply them
          - The plan may be incomplete.

        """))
        #expect(!text.contains("Run these commands"))
    }

    @Test func fixHostileWriteIsEscaped() {
        let step = FixStep(kind: .createServicePrincipal, reason: "x", appId: "\u{1B}[2J", displayName: "Evil\u{202E}")
        let record = WriteRecord(step: step, outcome: .failed, method: "POST", path: "/x\n", requestId: "\u{1B}]0;title\u{7}", message: "line\nbreak")
        let text = TextRenderer.render(Self.sampleReport(writes: [record]), options: RenderOptions(color: false))

        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        #expect(text.contains("line break"))
        #expect(text.contains("[U+001B][2J"))
        #expect(text.contains("Evil[U+202E]"))
        #expect(text.contains("request-id [U+001B]]0;title[U+0007]"))
        #expect(!text.contains("\\u{"))
    }

    @Test func warningsHeadingWithoutCommands() {
        var report = Self.sampleReport()
        report.commands = []
        let text = TextRenderer.render(report, options: RenderOptions(color: false))

        #expect(text.contains("Nothing to run: the plan changes nothing.\n\nWarnings\n  - The plan may be incomplete.\n"))
    }
}
