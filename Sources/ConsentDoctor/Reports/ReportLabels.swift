/// Words and sentences that the document renderers (Markdown and HTML) share, so both formats
/// name statuses, verdicts, steps and values the same way.
public enum ReportLabels {
    /// Returns the upper-case word that carries a finding's status without colour, such as `FAIL`.
    public static func status(_ status: FindingStatus) -> String {
        switch status {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .warning: "WARNING"
        case .unknown: "UNKNOWN"
        case .info: "INFO"
        }
    }

    /// Returns the upper-case word for a verdict, such as `PROBLEMS`.
    public static func verdict(_ status: Verdict.Status) -> String {
        switch status {
        case .healthy: "HEALTHY"
        case .problems: "PROBLEMS"
        case .incomplete: "INCOMPLETE"
        case .diagnosed: "DIAGNOSED"
        case .noErrorFound: "NO ERROR FOUND"
        }
    }

    /// Returns the upper-case word for the outcome of a Graph write, such as `NOT ATTEMPTED`.
    public static func outcome(_ outcome: WriteRecord.Outcome) -> String {
        switch outcome {
        case .done: "DONE"
        case .alreadyDone: "ALREADY DONE"
        case .failed: "FAILED"
        case .notAttempted: "NOT ATTEMPTED"
        }
    }

    /// Returns the status word of one write: `MAYBE APPLIED` for a failed write that may have
    /// taken effect (no definite answer arrived), otherwise the word for its outcome.
    public static func outcome(of write: WriteRecord) -> String {
        if write.outcome == .failed && write.mayHaveBeenApplied == true {
            return "MAYBE APPLIED"
        }
        return outcome(write.outcome)
    }

    /// Returns one sentence that states the verdict with its numbers, such as
    /// `2 of 7 checks failed.` or `Diagnosed 3 errors.`
    public static func verdictSentence(_ report: Report) -> String {
        let verdict = report.verdict
        let total = verdict.pass + verdict.fail + verdict.warning + verdict.unknown + verdict.info

        switch verdict.status {
        case .healthy:
            return "No check failed and every check could run (\(count(total, "check")) in all)."
        case .problems:
            return "\(verdict.fail) of \(count(total, "check")) failed."
        case .incomplete:
            return "Nothing failed, but \(verdict.unknown) of \(count(total, "check")) could not run, so the tenant is not known to be healthy."
        case .diagnosed:
            return "Diagnosed \(count(report.diagnoses.count, "error"))."
        case .noErrorFound:
            return "The input contains no recognisable sign-in error."
        }
    }

    /// Returns the per-status counts as one line, such as `3 passed, 2 failed, 0 warnings, 1 unknown, 1 info`.
    public static func countsLine(_ verdict: Verdict) -> String {
        [
            "\(verdict.pass) passed",
            "\(verdict.fail) failed",
            count(verdict.warning, "warning"),
            "\(verdict.unknown) unknown",
            "\(verdict.info) info",
        ].joined(separator: ", ")
    }

    /// Returns a short title for a plan step, such as `Create the service principal for AzureRedisCacheAadApp`.
    public static func stepTitle(_ step: FixStep) -> String {
        switch step.kind {
        case .signIn:
            return "Sign in to tenant \(step.tenant ?? "(not known)")"
        case .createServicePrincipal:
            return "Create the service principal for \(named(step.displayName, step.appId))"
        case .createGrant:
            return "Create an AllPrincipals grant on \(named(step.resourceDisplayName, step.resourceAppId)) with scopes: \(scopes(step.scopesAfter))"
        case .extendGrant:
            return "Set the AllPrincipals grant \(step.grantId ?? "(id not known)") on \(named(step.resourceDisplayName, step.resourceAppId)) to scopes: \(scopes(step.scopesAfter))"
        }
    }

    /// Returns the values of an error as label and value pairs, in reading order, leaving out
    /// the values the paste did not contain. Ids and the redirect URI show each non-ASCII character as `[U+XXXX]`, and the message shows those characters the same way.
    public static func valueRows(_ values: ExtractedValues) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = []

        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty {
                rows.append((label, value))
            }
        }

        add("Code", values.code?.description)
        add("Application error code", values.applicationErrorCode.map(String.init))
        add("OAuth error", values.oauthError)
        add("Suberror", values.suberror)
        add("Tenant", values.tenant.map(LookAlikeCharacters.marked))
        add("Client appId", values.clientAppId.map(LookAlikeCharacters.marked))
        add("Client name", values.clientName)
        add("Resource appId", values.resourceAppId.map(LookAlikeCharacters.marked))
        add("Resource URI", values.resourceURI)
        add("Resource name", values.resourceName)
        add("Valid resources", values.validResources.isEmpty ? nil : values.validResources.joined(separator: ", "))
        add("Requested permission ids", values.requestedPermissionIds.isEmpty ? nil : LookAlikeCharacters.marked(values.requestedPermissionIds.joined(separator: ", ")))
        add("Redirect URI", values.redirectURI.map(LookAlikeCharacters.marked))
        add("Trace ID", values.traceId.map(LookAlikeCharacters.marked))
        add("Correlation ID", values.correlationId.map(LookAlikeCharacters.marked))
        add("Request ID", values.requestId.map(LookAlikeCharacters.marked))
        add("Timestamp", values.timestamp)
        add("Error URI", values.errorURI)
        add("Message", values.message.map { LookAlikeCharacters.markedMessage($0, values: values) })
        return rows
    }

    /// Returns where a diagnosis came from, such as `redisinsight-log, line 12`.
    public static func source(_ diagnosis: Diagnosis) -> String {
        var text = diagnosis.form.rawValue
        if let line = diagnosis.line {
            text += ", line \(line)"
        }
        if diagnosis.repeatCount > 1 {
            text += ", seen \(diagnosis.repeatCount) times"
        }
        return text
    }

    /// Returns the heading of a diagnosis, such as `AADSTS650057 InvalidResource`.
    public static func diagnosisTitle(_ diagnosis: Diagnosis) -> String {
        let code = diagnosis.values.code?.description
            ?? diagnosis.values.applicationErrorCode.map { "Application error \($0)" }
            ?? "Unrecognised error"
        if let name = diagnosis.codeEntry?.name, !name.isEmpty {
            return "\(code) \(name)"
        }
        return code
    }

    /// Returns who usually fixes a diagnosed error, from the diagnosis or else from the code table.
    public static func fixer(_ diagnosis: Diagnosis) -> String? {
        (diagnosis.fixedBy ?? diagnosis.codeEntry?.fixedBy)?.phrase
    }

    /// Returns the title of a report, such as `consent-doctor check report`.
    public static func title(_ report: Report) -> String {
        "\(report.toolName) \(report.command.rawValue) report"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    private static func named(_ name: String?, _ appId: String?) -> String {
        switch (name, appId) {
        case let (name?, appId?):
            return "\(name) (\(appId))"
        case let (name?, nil):
            return name
        case let (nil, appId?):
            return appId
        case (nil, nil):
            return "(not known)"
        }
    }

    private static func scopes(_ scopes: [String]) -> String {
        scopes.isEmpty ? "(none)" : scopes.joined(separator: " ")
    }
}
