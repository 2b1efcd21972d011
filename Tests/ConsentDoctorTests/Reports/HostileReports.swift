@testable import ConsentDoctor

/// Reports whose every free-text field carries markup, script, Markdown and control characters,
/// as a crafted paste or a hostile Graph response could.
enum HostileReports {
    /// The attack strings, each of which must come out of every renderer as plain text.
    static let attacks: [String] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "\"><svg onload=alert(1)>",
        "'><iframe srcdoc=x>",
        "<b <i",
        "</pre></code>",
        "]]>",
        "</style><style>body{background:url(https://example.invalid/x)}</style>",
        "<a href=\"https://example.invalid\">link</a>",
        "| pipe | cell |",
        "`tick` ``` fence",
        "[x](javascript:alert(1))",
        "![img](https://example.invalid/x.png)",
        "*strong* _em_ ~~strike~~ $x$ &lt; &amp;",
        "\u{07}bell \u{1B}[31mred\u{1B}[0m \u{0}nul",
        "\u{202E}evil\u{202C} \u{2066}isolate\u{2069}",
    ]

    /// Returns a value for the field `name` that starts with the name, so a test can find the
    /// field in the output, followed by every attack and a line break that tries to start blocks.
    static func value(_ name: String) -> String {
        "\(name) " + attacks.joined(separator: " ") + "\n# heading\n- item\n1. ordered\n    indented\n---"
    }

    /// The names of every field `check` and `explain` fill with `value(_:)`.
    static let checkFieldNames: [String] = [
        "report.tenant", "report.cloud", "report.profileId", "report.command-line", "report.note",
        "finding.id", "finding.title", "finding.detail", "finding.reason",
        "evidence.label", "evidence.value",
        "plan.warning", "step.reason", "step.displayName", "step.grantId",
        "write.path", "write.message", "write.objectId", "write.requestId",
        "request.path", "request.requestId",
    ]

    static let explainFieldNames: [String] = [
        "diagnosis.summary", "diagnosis.cause", "diagnosis.remediation", "diagnosis.command",
        "diagnosis.errorPageURL", "diagnosis.profileId", "diagnosis.warning",
        "values.oauthError", "values.suberror", "values.clientAppId", "values.clientName",
        "values.resourceAppId", "values.resourceURI", "values.resourceName", "values.tenant",
        "values.validResource", "values.redirectURI", "values.requestedPermissionId",
        "values.traceId", "values.correlationId", "values.requestId", "values.timestamp",
        "values.errorURI", "values.message",
    ]

    static let check: Report = {
        let step = FixStep(
            kind: .extendGrant,
            reason: value("step.reason"),
            clientAppId: value("step.clientAppId"),
            resourceAppId: value("step.resourceAppId"),
            resourceDisplayName: value("step.displayName"),
            grantId: value("step.grantId"),
            existingScopes: [value("step.existingScope")],
            requiredScopes: [value("step.requiredScope")],
            scopesAfter: [value("step.scopeAfter")],
            perUserGrantCount: 1
        )
        let findings = FindingStatus.allCases.map { status in
            Finding(
                id: value("finding.id"),
                title: value("finding.title"),
                status: status,
                detail: value("finding.detail"),
                reason: value("finding.reason"),
                evidence: [Evidence(label: value("evidence.label"), value: value("evidence.value"))],
                relatedCodes: [.invalidResource]
            )
        }
        return Report(
            command: .fix,
            generatedAt: SampleReports.generatedAt,
            tenant: value("report.tenant"),
            cloud: value("report.cloud"),
            profileId: value("report.profileId"),
            verdict: Verdict.forFindings(findings),
            findings: findings,
            plan: FixPlan(
                tenant: value("plan.tenant"),
                cloud: value("plan.cloud"),
                clientAppId: value("plan.clientAppId"),
                stateAware: true,
                steps: [step],
                warnings: [value("plan.warning")]
            ),
            commands: [value("report.command-line")],
            writes: [
                WriteRecord(
                    step: step,
                    outcome: .failed,
                    method: value("write.method"),
                    path: value("write.path"),
                    status: 400,
                    requestId: value("write.requestId"),
                    objectId: value("write.objectId"),
                    message: value("write.message")
                ),
            ],
            notes: [value("report.note")],
            requests: [GraphRequestRecord(method: value("request.method"), path: value("request.path"), status: 500, requestId: value("request.requestId"))]
        )
    }()

    static let explain: Report = {
        let values = ExtractedValues(
            code: .invalidResource,
            oauthError: value("values.oauthError"),
            suberror: value("values.suberror"),
            clientAppId: value("values.clientAppId"),
            clientName: value("values.clientName"),
            resourceAppId: value("values.resourceAppId"),
            resourceURI: value("values.resourceURI"),
            resourceName: value("values.resourceName"),
            tenant: value("values.tenant"),
            validResources: [value("values.validResource")],
            redirectURI: value("values.redirectURI"),
            requestedPermissionIds: [value("values.requestedPermissionId")],
            traceId: value("values.traceId"),
            correlationId: value("values.correlationId"),
            requestId: value("values.requestId"),
            timestamp: value("values.timestamp"),
            errorURI: value("values.errorURI"),
            applicationErrorCode: 12400,
            message: value("values.message")
        )
        let diagnosis = Diagnosis(
            index: 1,
            form: .plainText,
            line: 1,
            values: values,
            codeEntry: CodeEntry(code: .invalidResource, name: value("codeEntry.name"), category: .consent, fixedBy: .tenantAdmin),
            errorPageURL: value("diagnosis.errorPageURL"),
            profileId: value("diagnosis.profileId"),
            summary: value("diagnosis.summary"),
            cause: value("diagnosis.cause"),
            remediation: [value("diagnosis.remediation")],
            commands: [value("diagnosis.command")],
            fixedBy: .tenantAdmin,
            plan: FixPlan(tenant: nil, cloud: "AzureCloud", clientAppId: value("plan.clientAppId"), stateAware: false, steps: [], warnings: [value("diagnosis.warning")])
        )
        return Report(
            command: .explain,
            generatedAt: SampleReports.generatedAt,
            cloud: "AzureCloud",
            verdict: Verdict(status: .diagnosed),
            diagnoses: [diagnosis],
            notes: [value("report.note")]
        )
    }()

    /// `check` with hostile tool metadata too. The JSON schema pins these fields to the values
    /// the tool writes, so this report is for the document renderers only.
    static let checkWithHostileMetadata: Report = {
        var report = check
        report.schemaVersion = value("report.schemaVersion")
        report.toolName = value("report.toolName")
        report.toolVersion = value("report.toolVersion")
        report.generatedAt = value("report.generatedAt")
        return report
    }()
}
