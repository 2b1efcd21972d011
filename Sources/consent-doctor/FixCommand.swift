import ConsentDoctor
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `fix` command: reads a tenant through Graph, plans what is missing, and with `--apply`
/// makes the Graph writes, then checks the tenant again.
enum FixCommand: ToolCommand {
    static let apply = OptionSpec(
        names: ["--apply"],
        valueName: nil,
        help: "Make the writes. Without it, fix only prints them. On a terminal it asks for confirmation first."
    )
    static let yes = OptionSpec(
        names: ["--yes", "-y"],
        valueName: nil,
        help: "Apply without asking. Needed with --apply when standard input is not a terminal."
    )

    /// The permissions and roles the writes need, for messages.
    static let writePermissions = "The writes need the Microsoft Graph permissions Application.ReadWrite.All and DelegatedPermissionGrant.ReadWrite.All, or the Cloud Application Administrator or Application Administrator role."

    static let spec = CommandSpec(
        name: "fix",
        abstract: "Create the missing service principals and admin consent through Graph, keeping every existing grant.",
        usage: [
            "fix [--tenant TENANT] [options]",
            "fix [--tenant TENANT] --apply [--yes] [options]",
        ],
        discussion: """
        Reads the tenant as check does and lists the Graph writes that make it healthy, in order,
        with the reason for each. Nothing is changed without --apply. With --apply, fix asks for
        confirmation on a terminal (or goes ahead with --yes), makes the writes, reads the tenant
        again and prints the final verdict with every write, its HTTP status and request id.

        fix creates missing service principals and tenant-wide (AllPrincipals) grants, and adds
        missing scopes to an existing tenant-wide grant after reading it again, so scopes granted
        meanwhile are kept. It never deletes a grant, never removes a scope and never changes the
        grants users made for themselves. When a write fails, fix stops, reports which writes were
        made, and a second run finishes the job. A healthy tenant gets no write.

        The writes need Application.ReadWrite.All and DelegatedPermissionGrant.ReadWrite.All (roles:
        Cloud Application Administrator or Application Administrator). --emit prints the same plan
        as a script to run by hand instead.

        With --tenant, the token's tenant and the organization Graph returns must be that tenant,
        or fix stops with exit status 64 before any write. When Graph does not return the
        organization, fix --apply writes nothing.

        Exit status: 0 healthy, 1 changes are needed (without --apply), problems remain, or a
        write failed, 64 invalid arguments, no confirmation or --tenant names another tenant than
        the token or Graph, 69 Graph or the sign-in service is unreachable, 73 the report file
        cannot be written, 77 permission denied, 130 interrupted by Ctrl-C (SIGINT), 143 stopped
        by SIGTERM. An interrupted run stops before its next write and lists the writes made,
        possibly made and not attempted.
        """,
        options: GraphAccessOptions.all + [CheckCommand.profile, apply, yes] + CommonOptions.reportOptions + [CommonOptions.emit],
        maximumPositionals: 0
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let destination = try ReportDestination.from(arguments)
        let emit = try EmitChoice.from(arguments)
        let appProfile = try CheckCommand.chosenProfile(arguments)
        let tenant = try GraphAccessOptions.chosenTenant(arguments)
        let applying = arguments.has(apply.primaryName)
        let confirmed = arguments.has(yes.primaryName)

        if applying && emit.form != nil {
            throw UsageError(message: "--emit prints the plan for running by hand, so it cannot be combined with --apply. Drop one of them.")
        }
        if applying && !confirmed && !context.standardInputIsTerminal {
            context.reportError("--apply asks for confirmation, but standard input is not a terminal. Add --yes to apply without asking. Nothing was changed.")
            return ExitCode.usage
        }

        let connection = try GraphAccessOptions.connection(arguments, context: context)
        let client: GraphClient
        let snapshot: DirectorySnapshot
        let tenantConfirmation: TenantConfirmation?
        do {
            let read = try GraphAccessOptions.readTenant(connection, profile: appProfile, tenant: tenant, context: context)
            client = read.client
            snapshot = read.snapshot
            tenantConfirmation = read.confirmation
        } catch let error as IdentityError {
            context.reportError(error.description)
            return GraphAccessOptions.exitStatus(for: error)
        } catch let mismatch as TenantMismatch {
            context.reportError("\(mismatch.description) Nothing was changed.")
            return ExitCode.usage
        }

        let before = CheckContext(snapshot: snapshot, profile: appProfile, tenantConfirmation: tenantConfirmation)
        let plan = FixPlanner.plan(for: before)
        let beforeOutcome = CheckOutcome.of(findings: HealthChecks.run(before), snapshot: snapshot)

        guard applying, !plan.isEmpty else {
            let report = FixReportBuilder.dryRun(for: before, plan: plan, generatedAt: Timestamp.now())
            if let status = emit.write(report, plan: plan, destination: destination, context: context) {
                return status
            }
            return plan.isEmpty ? beforeOutcome.exitStatus : ExitCode.problemsFound
        }

        if case .undecided(let reason) = tenantConfirmation {
            context.reportError("\(reason) fix writes only to a tenant it has confirmed, so nothing was changed.")
            return unconfirmedTenantStatus(snapshot)
        }

        if !confirmed && !askForConfirmation(plan: plan, tenant: snapshot.tenant, context: context) {
            context.writeError("Nothing was changed.\n")
            return ExitCode.problemsFound
        }

        // From here on, Ctrl-C stops the run before its next write and reports what changed.
        let interrupts = InterruptibleRun()
        defer { interrupts.stop() }

        let applier = PlanApplier(client: client)
        let application = try interrupts.run { await applier.apply(plan) }
        if let signalNumber = interrupts.signalNumber {
            return reportInterruption(signalNumber, application: application, context: context)
        }

        let after: DirectorySnapshot
        do {
            after = try interrupts.run {
                try await applier.readAfterWrites(application, profile: appProfile, tenant: tenant)
            }
        } catch let error as IdentityError {
            context.reportError("\(error.description) \(FixCommand.summary(of: application))")
            return GraphAccessOptions.exitStatus(for: error)
        } catch is CancellationError {
            return reportInterruption(interrupts.signalNumber ?? SIGINT, application: application, context: context)
        }
        if let signalNumber = interrupts.signalNumber {
            return reportInterruption(signalNumber, application: application, context: context)
        }

        let afterContext = CheckContext(snapshot: after, profile: appProfile, tenantConfirmation: tenantConfirmation)
        let report = FixReportBuilder.applied(for: afterContext, plan: plan, application: application, generatedAt: Timestamp.now())
        let reportStatus = destination.write(report, context: context)

        if let failure = application.failure {
            reportFailure(failure, application: application, context: context)
            return exitStatus(for: failure)
        }
        if let reportStatus {
            // The report with the writes is lost, so standard error says what changed.
            context.writeError("\(TerminalText.safe(summary(of: application)))\n")
            return reportStatus
        }
        return CheckOutcome.of(findings: report.findings, snapshot: after).exitStatus
    }
}
