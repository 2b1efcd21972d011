import Foundation

/// Saves a directory snapshot as JSON and loads it back, so a tenant can be checked again later
/// or by someone without access to it.
///
/// A snapshot contains directory objects, read failures and request records, and no type in it
/// has a field for a token, so a saved file cannot contain one.
public enum SnapshotFile {
    /// Returns the snapshot as pretty-printed JSON with sorted keys, ending with a newline.
    public static func encode(_ snapshot: DirectorySnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(snapshot) + Data("\n".utf8)
    }

    /// Writes the snapshot to `url` as `OutputFile` does: a regular file is replaced as a whole,
    /// a symbolic link is followed and a device or FIFO is written directly.
    ///
    /// - Throws: `SnapshotFileError` when the file cannot be written, or the encoder's error.
    public static func save(_ snapshot: DirectorySnapshot, to url: URL) throws {
        let data = try encode(snapshot)
        do {
            try OutputFile.write(data, to: url.path)
        } catch {
            throw SnapshotFileError(path: url.path, problem: .unwritable(error))
        }
    }

    /// The deepest nesting of arrays and objects Foundation's JSON parser accepts: it rejected
    /// 513 levels and read 512 (measured with Swift 6.3 on Linux).
    static let maximumNesting = 512

    /// Reads a snapshot file of at most `InputFileReader.maximumBytes`. The result's source is
    /// `.snapshotFile`.
    ///
    /// - Throws: `SnapshotFileError` when the file cannot be read, is too large, is not JSON, is
    ///   not a snapshot, has another format version, has invalid content or repeats an id. Invalid
    ///   content includes values that break `SnapshotContentRules`, such as an unknown cloud.
    public static func load(from url: URL, limit: Int = InputFileReader.maximumBytes) throws -> DirectorySnapshot {
        let data: Data
        do {
            data = try InputFileReader.read(path: url.path, limit: limit)
        } catch let error as InputFileError {
            switch error.problem {
            case .unreadable(let reason):
                throw SnapshotFileError(path: url.path, problem: .unreadable(reason))
            case .tooLarge(let limit):
                throw SnapshotFileError(path: url.path, problem: .tooLarge(limit: limit))
            }
        }
        return try decode(data, path: url.path)
    }

    /// Decodes a snapshot from the bytes of a file named `path`. The result's source is
    /// `.snapshotFile`.
    ///
    /// - Throws: `SnapshotFileError` as `load(from:)` does.
    public static func decode(_ data: Data, path: String) throws -> DirectorySnapshot {
        try checkHeader(data, path: path)

        var snapshot: DirectorySnapshot
        do {
            snapshot = try JSONDecoder().decode(DirectorySnapshot.self, from: data)
        } catch let error as DecodingError {
            throw SnapshotFileError(path: path, problem: .invalidContent(Self.describe(error)))
        }
        if let problem = SnapshotContentRules.valueProblem(in: snapshot) {
            throw SnapshotFileError(path: path, problem: .invalidContent(problem))
        }
        // The cloud name matches without regard to case, as --cloud does, and is shown as spelt in `Cloud`.
        snapshot.cloud = Cloud.named(snapshot.cloud)?.name ?? snapshot.cloud
        if let duplicate = SnapshotIdentifiers.firstDuplicate(in: snapshot) {
            throw SnapshotFileError(path: path, problem: .duplicateId(kind: duplicate.kind, id: duplicate.id))
        }
        snapshot.source = .snapshotFile
        return snapshot
    }

    /// Checks that the data is a JSON object with a `servicePrincipals` field, the integer 1 in
    /// `formatVersion`, and numbers that follow `SnapshotContentRules`. The parsed object is
    /// released on return, before the full decode.
    private static func checkHeader(_ data: Data, path: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) else {
            if JSONNesting.depth(of: data) > maximumNesting {
                throw SnapshotFileError(path: path, problem: .nestedTooDeeply(limit: maximumNesting))
            }
            throw SnapshotFileError(path: path, problem: .notJSON)
        }
        guard let fields = object as? [String: Any] else {
            throw SnapshotFileError(path: path, problem: .topLevelNotObject(found: jsonKind(of: object)))
        }
        guard let version = fields["formatVersion"], fields["servicePrincipals"] != nil else {
            throw SnapshotFileError(path: path, problem: .notASnapshot)
        }
        if let text = version as? String {
            throw SnapshotFileError(path: path, problem: .formatVersionNotANumber(text))
        }
        switch SnapshotContentRules.numberForm(version) {
        case .integer(DirectorySnapshot.formatVersion):
            break
        case .integer(let number):
            throw SnapshotFileError(path: path, problem: .unsupportedFormatVersion(String(number)))
        case .nonInteger:
            throw SnapshotFileError(path: path, problem: .invalidContent("formatVersion must be the integer \(DirectorySnapshot.formatVersion), written without a decimal point or exponent"))
        case nil:
            throw SnapshotFileError(path: path, problem: .invalidContent("formatVersion is \(jsonKind(of: version)), but it must be the integer \(DirectorySnapshot.formatVersion)"))
        }
        if let problem = SnapshotContentRules.numberProblem(in: fields) {
            throw SnapshotFileError(path: path, problem: .invalidContent(problem))
        }
    }

    /// Returns what a parsed JSON value is, for messages: `null`, `an array`, `an object`,
    /// `a string`, `a Boolean`, or `a number`.
    private static func jsonKind(of value: Any) -> String {
        switch value {
        case is NSNull:
            return "null"
        case is [Any]:
            return "an array"
        case is [String: Any]:
            return "an object"
        case is String:
            return "a string"
        default:
            return SnapshotContentRules.numberForm(value) == nil ? "a Boolean" : "a number"
        }
    }

    /// Describes a decoding error by the JSON path where it happened.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            let keys = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)) has an invalid value"
        @unknown default:
            return "the content is invalid"
        }
    }
}

/// A snapshot file could not be saved or loaded.
public struct SnapshotFileError: Error, Equatable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case unreadable(String)
        /// The save failed, with the step and the system's error.
        case unwritable(OutputFileError)
        /// The file is larger than the limit, in bytes.
        case tooLarge(limit: Int)
        case notJSON
        /// The file is valid JSON, but its top level is not an object: `null`, `an array`, and so on.
        case topLevelNotObject(found: String)
        /// The JSON nests arrays and objects deeper than the limit.
        case nestedTooDeeply(limit: Int)
        case notASnapshot
        /// The file's `formatVersion`, as text.
        case unsupportedFormatVersion(String)
        /// The file's `formatVersion` is a JSON string, given here, instead of a number.
        case formatVersionNotANumber(String)
        /// The JSON path of the invalid content and its problem, such as `grants.state is missing`.
        case invalidContent(String)
        /// An object id or grant id that occurs more than once, with what it identifies.
        case duplicateId(kind: String, id: String)
    }

    public var path: String
    public var problem: Problem

    public var description: String {
        switch problem {
        case .unreadable(let reason):
            return "Cannot read the snapshot file \(path): \(reason). Check the path and its permissions."
        case .unwritable(let error):
            return "Cannot write the snapshot file \(path): \(error.reason). \(error.advice)"
        case .tooLarge(let limit):
            return "The snapshot file \(path) is larger than \(InputFileReader.describe(bytes: limit)), the most consent-doctor reads. A saved snapshot of one app's service principals and grants is far smaller, so check that the path names a snapshot."
        case .notJSON:
            return "The snapshot file \(path) is not valid JSON. Save the snapshot again with consent-doctor."
        case .topLevelNotObject(let found):
            return "The snapshot file \(path) is valid JSON, but its top level is \(found) instead of an object. A snapshot is an object with formatVersion and servicePrincipals, as --save-snapshot writes it."
        case .nestedTooDeeply(let limit):
            return "The snapshot file \(path) nests arrays or objects more than \(limit) levels deep, which consent-doctor does not read. A saved snapshot nests only a few levels, so save the snapshot again with consent-doctor."
        case .notASnapshot:
            return "The file \(path) is JSON but not a consent-doctor snapshot: it has no formatVersion or servicePrincipals."
        case .unsupportedFormatVersion(let found):
            return "The snapshot file \(path) has format version \(found), but this version of consent-doctor reads only version \(DirectorySnapshot.formatVersion). Save the snapshot again with this version."
        case .formatVersionNotANumber(let text):
            return "The snapshot file \(path) has formatVersion \"\(SnapshotIdentifiers.shown(text))\", a string, but it must be the number \(DirectorySnapshot.formatVersion), without quotes. Save the snapshot again with consent-doctor."
        case .duplicateId(let kind, let id):
            return "The snapshot file \(path) lists the \(kind) id \(SnapshotIdentifiers.shown(id)) more than once. consent-doctor never saves such a file, so it was changed after saving. Save the snapshot again, or remove the repeated entries."
        case .invalidContent(let detail):
            return "The snapshot file \(path) is invalid: \(detail). Save the snapshot again with consent-doctor."
        }
    }
}
