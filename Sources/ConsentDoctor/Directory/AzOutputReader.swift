/// One pasted file of Azure CLI output.
public struct AzOutputInput: Sendable, Equatable {
    /// The file name, used in notes and errors.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// A snapshot built from pasted az output, with notes on what was skipped.
public struct AzOutputReading: Sendable, Equatable {
    public var snapshot: DirectorySnapshot
    /// Sentences about parts of the input that were skipped or that disagree with each other.
    public var notes: [String]
}

/// Reading pasted az output found nothing it could use.
public struct AzOutputReaderError: Error, Equatable, CustomStringConvertible {
    /// The names of the inputs.
    public var inputNames: [String]

    public var description: String {
        "No usable az output was found in \(inputNames.joined(separator: ", ")). Paste the output of az ad sp show --id APPID for each app, and of az ad app permission list-grants --id CLIENT-APPID --show-resource-name."
    }
}

/// Builds a directory snapshot from what a customer pasted: the output of `az ad sp show`,
/// `az ad app permission list-grants --show-resource-name`, `az account show`, and `az rest`
/// reads of the tenant policies, in any order, with or without the command lines.
///
/// What the paste does not show is `.unknown(.notInInput)` with a message naming the az command
/// that would show it, never `.missing`.
public enum AzOutputReader {
    /// Reads the inputs for `profile`.
    ///
    /// - Parameters:
    ///   - inputs: The pasted files, in order. A later output of the same object wins.
    ///   - profile: The app whose service principals and grants to look for.
    ///   - cloud: The Azure CLI cloud name, which decides the Graph host in suggested commands.
    ///   - tenant: The tenant the output came from, when the user passed it. It wins over a tenant
    ///     from pasted `az account show` output.
    /// - Throws: `AzOutputReaderError` when no input contains anything the reader recognises.
    public static func read(_ inputs: [AzOutputInput], profile: AppProfile, cloud: String, tenant: String? = nil) throws -> AzOutputReading {
        var collector = AzOutputCollector(profile: profile)
        for input in inputs {
            collector.collect(AzOutputScanner.items(in: input.text), inputName: input.name)
        }
        guard collector.recognizedCount > 0 else {
            throw AzOutputReaderError(inputNames: inputs.map(\.name))
        }
        var builder = AzSnapshotBuilder(collector: collector, cloud: cloud, tenant: tenant)
        return AzOutputReading(snapshot: builder.snapshot(), notes: builder.notes)
    }
}
