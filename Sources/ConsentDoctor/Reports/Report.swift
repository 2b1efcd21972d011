/// A piece of evidence behind a finding or diagnosis: an object id, a grant id, a request id.
public struct Evidence: Codable, Sendable, Equatable {
    /// What the value is, such as `service principal object id` or `Graph request-id`.
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// The outcome of one check.
public enum FindingStatus: String, Codable, Sendable, CaseIterable {
    case pass
    case fail
    case warning
    /// The check could not run; `Finding.reason` says why. A report with one is never healthy.
    case unknown
    /// Information only, such as existing per-user grants.
    case info
}

/// The result of one check against a tenant.
public struct Finding: Codable, Sendable, Equatable {
    /// A stable identifier for the check, such as `service-principal.redis-api`.
    public var id: String
    /// A short title, such as `Service principal for AzureRedisCacheAadApp`.
    public var title: String
    public var status: FindingStatus
    /// What was found and what it means, as sentences.
    public var detail: String
    /// Why the check could not run, for `unknown`, and what would let it run.
    public var reason: String?
    public var evidence: [Evidence]
    /// AADSTS codes users see while this finding fails.
    public var relatedCodes: [SignInErrorCode]

    public init(
        id: String,
        title: String,
        status: FindingStatus,
        detail: String,
        reason: String? = nil,
        evidence: [Evidence] = [],
        relatedCodes: [SignInErrorCode] = []
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.detail = detail
        self.reason = reason
        self.evidence = evidence
        self.relatedCodes = relatedCodes
    }
}

/// The explanation of one sign-in error found in a paste.
public struct Diagnosis: Codable, Sendable, Equatable {
    /// The position of the error in the paste, starting at 1.
    public var index: Int
    public var form: PasteForm
    public var line: Int?
    public var values: ExtractedValues
    /// The row of the code table, when the code is listed there.
    public var codeEntry: CodeEntry?
    /// The public page for the code on the chosen cloud's sign-in host.
    public var errorPageURL: String?
    /// The built-in app profile the error matched, such as `redisinsight`.
    public var profileId: String?
    /// One sentence: what is wrong.
    public var summary: String
    /// Why it happens, as sentences.
    public var cause: String
    /// What to do, as ordered steps in prose.
    public var remediation: [String]
    /// Exact commands to run, in order, with the extracted values filled in and shell-quoted.
    public var commands: [String]
    /// Who usually fixes it.
    public var fixedBy: Fixer?
    /// The state-unaware plan behind `commands`, when the error calls for directory changes.
    public var plan: FixPlan?
    /// A short title for the code, such as `Resource missing from the client's registration`.
    public var title: String?
    /// How many times the same error appeared in the paste.
    public var repeatCount: Int
    /// The URL an administrator can open instead of running the grant commands.
    public var adminConsentURL: String?
    /// Things the reader should know about this diagnosis, such as a value that failed validation
    /// and was replaced by a placeholder, as sentences.
    public var notes: [String]

    public init(
        index: Int,
        form: PasteForm,
        line: Int? = nil,
        values: ExtractedValues,
        codeEntry: CodeEntry? = nil,
        errorPageURL: String? = nil,
        profileId: String? = nil,
        summary: String,
        cause: String,
        remediation: [String] = [],
        commands: [String] = [],
        fixedBy: Fixer? = nil,
        plan: FixPlan? = nil,
        title: String? = nil,
        repeatCount: Int = 1,
        adminConsentURL: String? = nil,
        notes: [String] = []
    ) {
        self.index = index
        self.form = form
        self.line = line
        self.values = values
        self.codeEntry = codeEntry
        self.errorPageURL = errorPageURL
        self.profileId = profileId
        self.summary = summary
        self.cause = cause
        self.remediation = remediation
        self.commands = commands
        self.fixedBy = fixedBy
        self.plan = plan
        self.title = title
        self.repeatCount = repeatCount
        self.adminConsentURL = adminConsentURL
        self.notes = notes
    }
}

/// One Graph write made by `fix --apply`.
public struct WriteRecord: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case done
        case alreadyDone = "already-done"
        case failed
        case notAttempted = "not-attempted"
    }

    public var step: FixStep
    public var outcome: Outcome
    public var method: String?
    public var path: String?
    public var status: Int?
    public var requestId: String?
    /// The object id created or changed.
    public var objectId: String?
    public var message: String?
    /// True for a `failed` write that may have been applied all the same: it was sent, but no
    /// definite answer arrived (no response, a timeout, an interruption or a 5xx status). Nil
    /// otherwise.
    public var mayHaveBeenApplied: Bool?

    public init(step: FixStep, outcome: Outcome, method: String? = nil, path: String? = nil, status: Int? = nil, requestId: String? = nil, objectId: String? = nil, message: String? = nil, mayHaveBeenApplied: Bool? = nil) {
        self.step = step
        self.outcome = outcome
        self.method = method
        self.path = path
        self.status = status
        self.requestId = requestId
        self.objectId = objectId
        self.message = message
        self.mayHaveBeenApplied = mayHaveBeenApplied
    }
}

/// The overall result of a report.
public struct Verdict: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// `check` or `fix`: every check passed.
        case healthy
        /// `check` or `fix`: at least one check failed.
        case problems
        /// `check` or `fix`: nothing failed, but at least one check could not run.
        case incomplete
        /// `explain`: at least one error was diagnosed.
        case diagnosed
        /// `explain`: the input held no recognisable error.
        case noErrorFound = "no-error-found"
    }

    public var status: Status
    public var pass: Int
    public var fail: Int
    public var warning: Int
    public var unknown: Int
    public var info: Int

    public init(status: Status, pass: Int = 0, fail: Int = 0, warning: Int = 0, unknown: Int = 0, info: Int = 0) {
        self.status = status
        self.pass = pass
        self.fail = fail
        self.warning = warning
        self.unknown = unknown
        self.info = info
    }

    /// Computes the verdict of a health check: any failure means problems, otherwise any unknown
    /// means incomplete, so a check that could not run never yields healthy.
    public static func forFindings(_ findings: [Finding]) -> Verdict {
        func count(_ status: FindingStatus) -> Int {
            findings.filter { $0.status == status }.count
        }
        let failures = count(.fail)
        let unknowns = count(.unknown)
        let status: Status = failures > 0 ? .problems : (unknowns > 0 ? .incomplete : .healthy)
        return Verdict(
            status: status,
            pass: count(.pass),
            fail: failures,
            warning: count(.warning),
            unknown: unknowns,
            info: count(.info)
        )
    }
}

/// The version and name of the tool that produced a report.
public enum ToolInfo {
    public static let name = "consent-doctor"
    public static let version = "0.1.0"
}

/// The document every command produces and every renderer (text, JSON, Markdown, HTML) reads.
public struct Report: Codable, Sendable, Equatable {
    /// The version of the JSON report schema in `docs/report-schema.json`.
    public static let currentSchemaVersion = "1.0"

    public enum Command: String, Codable, Sendable {
        case explain
        case check
        case fix
    }

    public var schemaVersion: String
    public var command: Command
    public var toolName: String
    public var toolVersion: String
    /// ISO 8601 in UTC, such as `2026-12-04T20:17:05Z`.
    public var generatedAt: String
    public var tenant: String?
    public var cloud: String?
    public var profileId: String?
    public var verdict: Verdict
    /// `explain`: one per error in the paste, in order.
    public var diagnoses: [Diagnosis]
    /// `check` and `fix`: one per check, in order.
    public var findings: [Finding]
    /// `check` and `fix`: the state-aware plan.
    public var plan: FixPlan?
    /// The plan rendered as commands for the chosen `--emit` form, one entry per line.
    public var commands: [String]
    /// `fix --apply`: the writes made, in order.
    public var writes: [WriteRecord]
    /// Notes for the reader, such as a tenant mismatch, as sentences.
    public var notes: [String]
    /// The Graph requests behind the findings.
    public var requests: [GraphRequestRecord]
    /// `check` and `fix`: reasons that the `reason` of two or more findings contains word for
    /// word, such as one rejected token that stopped every read. Text, Markdown and HTML state
    /// each once and refer to it by number; each finding's `reason` stays complete. Nil when
    /// no reason is shared.
    public var sharedReasons: [String]?
    /// `explain`: the errors found after the first `PasteReader.defaultDetailLimit` distinct
    /// ones, counted per code instead of diagnosed. Nil when every error was diagnosed.
    public var omittedErrors: [OmittedErrorCount]?

    public init(
        command: Command,
        generatedAt: String,
        tenant: String? = nil,
        cloud: String? = nil,
        profileId: String? = nil,
        verdict: Verdict,
        diagnoses: [Diagnosis] = [],
        findings: [Finding] = [],
        plan: FixPlan? = nil,
        commands: [String] = [],
        writes: [WriteRecord] = [],
        notes: [String] = [],
        requests: [GraphRequestRecord] = [],
        sharedReasons: [String]? = nil,
        omittedErrors: [OmittedErrorCount]? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.command = command
        self.toolName = ToolInfo.name
        self.toolVersion = ToolInfo.version
        self.generatedAt = generatedAt
        self.tenant = tenant
        self.cloud = cloud
        self.profileId = profileId
        self.verdict = verdict
        self.diagnoses = diagnoses
        self.findings = findings
        self.plan = plan
        self.commands = commands
        self.writes = writes
        self.notes = notes
        self.requests = requests
        self.sharedReasons = sharedReasons
        self.omittedErrors = omittedErrors
    }
}
