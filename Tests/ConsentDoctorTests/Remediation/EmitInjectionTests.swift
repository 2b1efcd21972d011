import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

/// Feeds hostile values through every `--emit` form. Each hostile value carries the marker
/// `PWNED`; a value may reach the output only inside a comment, and nothing may start a new line.
struct EmitInjectionTests {
    typealias T = TenantFixtures

    static let marker = "PWNED"

    /// A plan whose every field contains something a shell, PowerShell or JSON would act on.
    static let hostilePlan = FixPlan(
        tenant: "contoso.com; touch /tmp/PWNED",
        cloud: "AzureCloud'; echo PWNED",
        clientAppId: "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' --debug PWNED",
        stateAware: true,
        steps: [
            FixStep(kind: .signIn, reason: "Sign in.\nrm -rf ~ # PWNED", tenant: "$(touch /tmp/PWNED)"),
            FixStep(kind: .createServicePrincipal, reason: "Create\u{2028}Connect-Evil PWNED", appId: "$(curl http://PWNED.example)", displayName: "x\ny PWNED"),
            FixStep(kind: .createServicePrincipal, reason: "Create \u{202E}PWNED", appId: T.redisAppId, displayName: "Redis\r\nPWNED"),
            FixStep(
                kind: .createGrant,
                reason: "Grant\u{85}PWNED",
                clientAppId: T.clientAppId,
                resourceAppId: T.redisAppId,
                resourceDisplayName: "API\nPWNED",
                clientObjectId: #"5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64","consentType":"Principal PWNED"#,
                resourceObjectId: "3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40",
                scopesAfter: ["user_impersonation", #"x"; echo PWNED"#],
                perUserGrantCount: 2
            ),
            FixStep(
                kind: .createGrant,
                reason: "Grant with a valid scope list.",
                clientAppId: T.clientAppId,
                resourceAppId: T.armAppId,
                resourceDisplayName: "ARM'; PWNED",
                clientObjectId: "not-a-guid PWNED",
                resourceObjectId: T.armObjectId,
                scopesAfter: ["user_impersonation"],
                perUserGrantCount: 1
            ),
            FixStep(
                kind: .extendGrant,
                reason: "Extend.",
                clientAppId: T.clientAppId,
                resourceAppId: T.graphAppId,
                grantId: "abc/../servicePrincipals'PWNED",
                scopesAfter: ["openid", "profile"],
                perUserGrantCount: 1
            ),
            FixStep(
                kind: .extendGrant,
                reason: "Extend with a valid id.",
                clientAppId: T.clientAppId,
                resourceAppId: T.graphAppId,
                grantId: T.graphGrantId,
                scopesAfter: ["openid", "a'b PWNED"]
            ),
        ],
        warnings: ["Line one.\nrm -rf / PWNED", "Tab\tand \u{1B}[31mPWNED"]
    )

    static let hostileRoots = [
        "https://graph.example/'; echo PWNED",
        "http://127.0.0.1:1/$(PWNED)",
        "https://graph.example/PWNED/",
        "file:///PWNED",
    ]

    /// Returns the lines that carry the marker outside a comment.
    static func uncommentedHostileLines(_ lines: [String]) -> [String] {
        lines.filter { line in
            line.contains(marker) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
        }
    }

    @Test(arguments: EmitForm.allCases)
    func markerOnlyInComments(form: EmitForm) {
        for root in [nil] + Self.hostileRoots {
            let lines = RemediationEmitter.lines(for: Self.hostilePlan, form: form, graphRoot: root)
            #expect(Self.uncommentedHostileLines(lines) == [], "\(form) with root \(root ?? "nil")")
        }
    }

    @Test(arguments: EmitForm.allCases)
    func noLineBreakingCharacters(form: EmitForm) {
        let text = RemediationEmitter.text(for: Self.hostilePlan, form: form)
        let forbidden: [Unicode.Scalar] = ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{1B}", "\t"]
        for scalar in forbidden {
            #expect(!text.unicodeScalars.contains(scalar), "\(form) contains U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func invalidStepsAreLeftOut() {
        let text = RemediationEmitter.text(for: Self.hostilePlan, form: .az)

        #expect(text.components(separatedBy: "# Left out:").count - 1 == 4)
        #expect(text.contains("az login --tenant '<tenant-id>'\n"))
        #expect(text.contains("az cloud set --name '<cloud-name>'\n"))
        #expect(text.contains("az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78\n"))
    }

    @Test func invalidObjectIdIsLookedUp() {
        let text = RemediationEmitter.text(for: Self.hostilePlan, form: .az)

        #expect(text.contains("client_sp_id=$(az ad sp show --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --query id --output tsv)\n"))
        #expect(text.contains("require_object_id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 \"$client_sp_id\"\n"))
        #expect(text.contains("require_object_id() {\n"))
    }

    @Test func hostileRootFallsBackToPlaceholder() {
        for root in Self.hostileRoots {
            let text = RemediationEmitter.text(for: EmitSamples.perUserGrants(cloud: "AzureCloud"), form: .rest, graphRoot: root)
            #expect(!text.contains(Self.marker), "\(root)")
            #expect(text.contains("https://graph.microsoft.com/v1.0/oauth2PermissionGrants"), "\(root)")
        }
    }

    @Test func loopbackRootIsUsed() {
        let text = RemediationEmitter.text(for: EmitSamples.perUserGrants(cloud: "AzureCloud"), form: .az, graphRoot: "http://127.0.0.1:8445")

        #expect(text.contains("--url http://127.0.0.1:8445/v1.0/oauth2PermissionGrants --body"))
        #expect(!text.contains("graph.microsoft.com/v1.0"))
    }

    @Test(arguments: [EmitForm.az, .rest])
    func bashAcceptsHostileScript(form: EmitForm) throws {
        try BashSyntax.expectValid(RemediationEmitter.text(for: Self.hostilePlan, form: form, graphRoot: Self.hostileRoots[0]))
    }

    @Test(arguments: EmitSamples.cloudPlanNames)
    func bashAcceptsSampleScripts(name: String) throws {
        for cloud in EmitSamples.clouds {
            for form in [EmitForm.az, .rest] {
                try BashSyntax.expectValid(RemediationEmitter.text(for: EmitSamples.plan(name, cloud: cloud), form: form))
            }
        }
        try BashSyntax.expectValid(RemediationEmitter.text(for: EmitSamples.explainWithPlaceholders, form: .az))
        try BashSyntax.expectValid(RemediationEmitter.text(for: EmitSamples.explainWithPlaceholders, form: .rest))
    }

    @Test func powerShellDoublesEveryQuote() {
        #expect(PowerShellQuoting.quote("a'b") == "'a''b'")
        #expect(PowerShellQuoting.quote("a\u{2019}b\u{2018}c") == "'a\u{2019}\u{2019}b\u{2018}\u{2018}c'")
        #expect(PowerShellQuoting.quote("a\u{201A}\u{201B}") == "'a\u{201A}\u{201A}\u{201B}\u{201B}'")
        #expect(PowerShellQuoting.quote("$env:PATH `n") == "'$env:PATH `n'")
        #expect(PowerShellQuoting.quote("") == "''")
    }

    @Test func commentTextStaysOnOneLine() {
        let lines = ScriptComment.lines("a\nb\r\nc\u{2028}d\u{202E}e\u{0}f")

        #expect(lines == ["# a b c d e f"])
    }

    @Test func commentWrapsAtWidth() {
        let words = Array(repeating: "word", count: 40).joined(separator: " ")
        let lines = ScriptComment.lines(words)

        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= ScriptComment.width })
        #expect(lines.allSatisfy { $0.hasPrefix("# ") })
    }
}

/// Runs `bash -n` on a script, which parses it without running anything.
enum BashSyntax {
    static func expectValid(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-n"], standardInput: Data(script.utf8))
        #expect(result.status == 0, "bash -n: \(result.standardError)", sourceLocation: sourceLocation)
    }
}
