import ConsentDoctor
import Foundation

/// The `check` command: reads a tenant (from Graph, pasted az output or a saved snapshot) and
/// reports whether the app's sign-in works there, with the commands for what is missing.
enum CheckCommand: ToolCommand {
    static let expectTenant = OptionSpec(
        names: ["--expect-tenant"],
        valueName: "TENANT",
        help: "Tenant that issues the users' tokens (their home tenant, or the one typed into the app). The check reports first when the tenant read is a different one.",
        repeatable: true
    )
    static let fromError = OptionSpec(
        names: ["--from-error"],
        valueName: "FILE",
        help: "A pasted sign-in error in any form explain reads. The tenants it names are expected, as with --expect-tenant. A file without a recognisable sign-in error stops the check with exit status 65."
    )
    static let azOutput = OptionSpec(
        names: ["--az-output"],
        valueName: "FILE",
        help: "Diagnose offline from pasted output of 'az ad sp show --id APPID' and 'az ad app permission list-grants --id CLIENT --show-resource-name'. Repeat the option or list more files after it. Each file may be at most \(InputFileReader.describe(bytes: InputFileReader.maximumBytes)).",
        repeatable: true
    )
    static let snapshot = OptionSpec(
        names: ["--snapshot"],
        valueName: "FILE",
        help: "Check a snapshot saved earlier with --save-snapshot instead of reading Graph. The file may be at most \(InputFileReader.describe(bytes: InputFileReader.maximumBytes))."
    )
    static let saveSnapshot = OptionSpec(
        names: ["--save-snapshot"],
        valueName: "FILE",
        help: "Also save what was read as a JSON snapshot (it contains no token), to replay later with --snapshot. '-' writes the snapshot to standard output, and the report then needs --output FILE. FILE is written the way --output writes its file, and the two must name different files, unless FILE is a character device such as a null device. The snapshot is raw data: --redact does not apply to it, so it keeps user object ids and domains."
    )
    static let profile = OptionSpec(
        names: ["--profile"],
        valueName: "NAME",
        help: "App profile to check: redisinsight (the default)."
    )

    static let spec = CommandSpec(
        name: "check",
        abstract: "Check a tenant's service principals and admin consent for the app, and print what to run.",
        usage: [
            "check [--tenant TENANT] [options]",
            "check --az-output FILE... [options]",
            "check --snapshot FILE [options]",
        ],
        discussion: """
        Reads the tenant through Microsoft Graph in at most two round trips (one $batch, then the
        grants) and checks: the service principals exist, the client is enabled, the Redis API
        exposes user_impersonation, the AllPrincipals grants cover the required scopes, users can
        get openid profile offline_access, and which per-user grants exist. The commands printed
        cover only what is missing; a grant command lists the scopes already granted as well,
        because 'az ad app permission grant' replaces them.

        Reading needs Application.Read.All and Directory.Read.All (roles: Global Reader, Directory
        Readers or Cloud Application Administrator). A check that could not run is reported as
        unknown with the reason, and the tenant is then never reported healthy.

        With --tenant, the token's tenant and the organization Graph returns must be that tenant;
        otherwise the check stops with exit status 64 before reporting. When Graph does not return
        the organization, tenant.match is unknown.

        Exit status: 0 healthy, 1 problems found or the check is incomplete, 64 invalid arguments,
        --tenant names another tenant than the token or Graph, or the snapshot and the report
        would go to the same file or both to standard output, or an output file is an input
        file, 65 unreadable az output or
        snapshot content, or a --from-error file without a sign-in error, 66 an input file
        cannot be read, 69 Graph or the sign-in service is unreachable, 73 the report or
        snapshot file cannot be written, 77 permission denied.
        """,
        options: GraphAccessOptions.all + [expectTenant, fromError, azOutput, snapshot, saveSnapshot, profile] + CommonOptions.reportOptions + [CommonOptions.emit],
        maximumPositionals: 64
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let destination = try ReportDestination.from(arguments)
        let emit = try EmitChoice.from(arguments)
        let cloud = try chosenCloud(arguments)
        let appProfile = try chosenProfile(arguments)
        let tenant = try GraphAccessOptions.chosenTenant(arguments)

        if let snapshotPath = arguments.value(saveSnapshot.primaryName) {
            try checkSnapshotDestination(snapshotPath, reportPath: destination.outputPath)
        }

        let azOutputPaths = arguments.allValues(azOutput.primaryName) + arguments.positionals
        if !arguments.positionals.isEmpty && arguments.allValues(azOutput.primaryName).isEmpty {
            throw UsageError(message: "unexpected argument '\(arguments.positionals[0])'. Files are read only after --az-output.")
        }
        if !azOutputPaths.isEmpty && arguments.has(snapshot.primaryName) {
            throw UsageError(message: "--az-output and --snapshot cannot be combined: choose one input.")
        }
        try InputOutputOverlap.check(inputs: inputFiles(arguments, azOutputPaths: azOutputPaths), outputs: outputFiles(arguments, destination: destination))

        var expected = try expectedTenants(arguments)
        var notes: [String] = []
        if let errorPath = arguments.value(fromError.primaryName) {
            do {
                let reading = try readPaste(path: errorPath, standardInputClosed: context.standardInputClosed)
                guard !reading.occurrences.isEmpty else {
                    let name = errorPath == "-" ? "Standard input" : "The file \(errorPath)"
                    context.reportError("\(name) contains no recognisable sign-in error, so --from-error cannot take a tenant from it. Give the file that contains the error, or name the tenant with --expect-tenant.")
                    return ExitCode.dataError
                }
                let named = ExpectedTenant.named(in: reading.occurrences.map(\.values))
                if named.isEmpty {
                    notes.append("The error in \(errorPath) names no tenant, so it sets no expected tenant.")
                }
                expected += named
            } catch let error as PasteInputError {
                context.reportError(error.description)
                return ExitCode.noInput
            }
        }

        let snapshotValue: DirectorySnapshot
        var tenantConfirmation: TenantConfirmation?
        if let path = arguments.value(snapshot.primaryName) {
            do {
                snapshotValue = try SnapshotFile.load(from: URL(fileURLWithPath: path))
            } catch let error as SnapshotFileError {
                context.reportError(error.description)
                return status(for: error)
            }
        } else if !azOutputPaths.isEmpty {
            var inputs: [AzOutputInput] = []
            for path in azOutputPaths {
                do {
                    let data = try InputFileReader.read(path: path)
                    inputs.append(AzOutputInput(name: path, text: String(decoding: data, as: UTF8.self)))
                } catch let error as InputFileError {
                    switch error.problem {
                    case .unreadable(let reason):
                        context.reportError("cannot read the az output file '\(path)': \(reason). Check the path and its permissions.")
                        return ExitCode.noInput
                    case .tooLarge(let limit):
                        context.reportError("the az output file '\(path)' is larger than \(InputFileReader.describe(bytes: limit)), the most consent-doctor reads from one file. Paste only the output of the az commands that check reads.")
                        return ExitCode.dataError
                    }
                }
            }
            do {
                let reading = try AzOutputReader.read(inputs, profile: appProfile, cloud: cloud.name, tenant: tenant)
                snapshotValue = reading.snapshot
                notes += reading.notes
            } catch let error as AzOutputReaderError {
                context.reportError(error.description)
                return ExitCode.dataError
            }
        } else {
            let connection = try GraphAccessOptions.connection(arguments, context: context)
            do {
                let read = try GraphAccessOptions.readTenant(connection, profile: appProfile, tenant: tenant, context: context)
                snapshotValue = read.snapshot
                tenantConfirmation = read.confirmation
            } catch let error as IdentityError {
                context.reportError(error.description)
                return GraphAccessOptions.exitStatus(for: error)
            } catch let mismatch as TenantMismatch {
                context.reportError("\(mismatch.description) The check stopped without reporting.")
                return ExitCode.usage
            }
        }

        if arguments.value(saveSnapshot.primaryName) == "-" {
            context.writeOutput(String(decoding: try SnapshotFile.encode(snapshotValue), as: UTF8.self))
        } else if let path = arguments.value(saveSnapshot.primaryName) {
            do {
                try SnapshotFile.save(snapshotValue, to: URL(fileURLWithPath: path))
            } catch {
                context.reportError("\(error)")
                return ExitCode.cannotCreate
            }
        }

        let checkContext = CheckContext(snapshot: snapshotValue, profile: appProfile, expectedTenants: expected, tenantConfirmation: tenantConfirmation)
        let report = CheckReportBuilder.report(for: checkContext, generatedAt: Timestamp.now(), notes: notes)
        if let status = emit.write(report, plan: report.plan, destination: destination, context: context) {
            return status
        }
        return CheckOutcome.of(findings: report.findings, snapshot: snapshotValue).exitStatus
    }

    /// Checks that `--save-snapshot` is not empty and that the snapshot and the report go to
    /// different destinations, so neither overwrites the other.
    ///
    /// - Parameters:
    ///   - snapshotPath: The `--save-snapshot` value, where `-` means standard output.
    ///   - reportPath: The `--output` file, or nil when the report goes to standard output.
    /// - Throws: `UsageError` for an empty value or a destination the report also writes.
    static func checkSnapshotDestination(_ snapshotPath: String, reportPath: String?) throws {
        if snapshotPath.isEmpty {
            throw UsageError(message: "--save-snapshot is empty. Give a file name for the snapshot, or leave the option out.")
        }
        switch (snapshotPath == "-", reportPath) {
        case (true, nil):
            throw UsageError(message: "--save-snapshot - writes the snapshot to standard output, where the report goes too. Give --output FILE for the report, or a file name for the snapshot.")
        case (true, let reportPath?) where OutputFile.sharesStandardOutput(reportPath):
            throw UsageError(message: "--save-snapshot - writes the snapshot to standard output, and --output '\(reportPath)' is the file standard output goes to, so the report would overwrite the snapshot. Give the report another file.")
        case (false, nil) where OutputFile.sharesStandardOutput(snapshotPath):
            throw UsageError(message: "--save-snapshot '\(snapshotPath)' is the file standard output goes to, so the report would overwrite the snapshot. Give --output FILE for the report, or another file for the snapshot.")
        case (false, let reportPath?) where OutputFile.sharesFile(snapshotPath, reportPath):
            let names = snapshotPath == reportPath ? "both name '\(reportPath)'" : "name the same file ('\(reportPath)' and '\(snapshotPath)')"
            throw UsageError(message: "--output and --save-snapshot \(names), so the report would overwrite the snapshot. Give them different files.")
        default:
            return
        }
    }

    /// Returns the files the check reads: `--snapshot`, `--from-error` and every az output file.
    static func inputFiles(_ arguments: ParsedArguments, azOutputPaths: [String]) -> [NamedFile] {
        var files = azOutputPaths.map { NamedFile(option: azOutput.primaryName, path: $0) }
        if let path = arguments.value(snapshot.primaryName) {
            files.append(NamedFile(option: snapshot.primaryName, path: path))
        }
        if let path = arguments.value(fromError.primaryName) {
            files.append(NamedFile(option: fromError.primaryName, path: path))
        }
        return files
    }

    /// Returns the files the check writes: `--output` and `--save-snapshot`.
    static func outputFiles(_ arguments: ParsedArguments, destination: ReportDestination) -> [NamedFile] {
        var files: [NamedFile] = []
        if let path = destination.outputPath {
            files.append(NamedFile(option: CommonOptions.output.primaryName, path: path))
        }
        if let path = arguments.value(saveSnapshot.primaryName) {
            files.append(NamedFile(option: saveSnapshot.primaryName, path: path))
        }
        return files
    }

    /// Reads `--expect-tenant`.
    ///
    /// - Throws: `UsageError` for a value that is neither a GUID nor a domain name.
    static func expectedTenants(_ arguments: ParsedArguments) throws -> [ExpectedTenant] {
        try arguments.allValues(expectTenant.primaryName).map { value in
            guard Identifiers.isTenant(value) else {
                throw UsageError(message: "--expect-tenant '\(value)' is not a tenant id (GUID) or a domain name.")
            }
            return ExpectedTenant(tenant: value, source: .option)
        }
    }

    /// Reads `--profile`.
    ///
    /// - Throws: `UsageError` for an unknown profile.
    static func chosenProfile(_ arguments: ParsedArguments) throws -> AppProfile {
        guard let name = arguments.value(profile.primaryName) else {
            return .redisInsight
        }
        guard let found = AppProfile.builtIn(matching: name) else {
            let names = AppProfile.builtIn.map(\.id).joined(separator: ", ")
            throw UsageError(message: "unknown profile '\(name)'. Use one of: \(names).")
        }
        return found
    }

    /// Reads the `--from-error` paste at `path`, or standard input for `-`.
    ///
    /// - Throws: `PasteInputError`, also for `-` when standard input was closed at start-up.
    static func readPaste(path: String, standardInputClosed: Bool) throws -> PasteReading {
        if path == "-" {
            if standardInputClosed {
                throw PasteInputError.standardInputClosed
            }
            var source = FileChunkSource(standardInputNamed: "standard input")
            return try PasteReader.read(&source)
        }
        var source = try FileChunkSource(path: path)
        defer { source.close() }
        return try PasteReader.read(&source)
    }

    private static func status(for error: SnapshotFileError) -> Int32 {
        if case .unreadable = error.problem {
            return ExitCode.noInput
        }
        return ExitCode.dataError
    }

}
