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

    /// Writes the snapshot to `url`, replacing the file as a whole.
    ///
    /// - Throws: `SnapshotFileError` when the file cannot be written.
    public static func save(_ snapshot: DirectorySnapshot, to url: URL) throws {
        do {
            try encode(snapshot).write(to: url, options: .atomic)
        } catch {
            throw SnapshotFileError(path: url.path, problem: .unwritable(FileErrorPhrase.phrase(for: error)))
        }
    }

    /// Reads a snapshot file. The result's source is `.snapshotFile`.
    ///
    /// - Throws: `SnapshotFileError` when the file cannot be read, is not JSON, is not a snapshot,
    ///   has another format version or has invalid content.
    public static func load(from url: URL) throws -> DirectorySnapshot {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SnapshotFileError(path: url.path, problem: .unreadable(FileErrorPhrase.phrase(for: error)))
        }
        return try decode(data, path: url.path)
    }

    /// Decodes a snapshot from the bytes of a file named `path`. The result's source is
    /// `.snapshotFile`.
    ///
    /// - Throws: `SnapshotFileError` as `load(from:)` does.
    public static func decode(_ data: Data, path: String) throws -> DirectorySnapshot {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw SnapshotFileError(path: path, problem: .notJSON)
        }
        guard let fields = object as? [String: Any], fields["formatVersion"] != nil, fields["servicePrincipals"] != nil else {
            throw SnapshotFileError(path: path, problem: .notASnapshot)
        }
        guard let version = fields["formatVersion"] as? Int, version == DirectorySnapshot.formatVersion else {
            throw SnapshotFileError(path: path, problem: .unsupportedFormatVersion(String(describing: fields["formatVersion"] ?? "")))
        }

        var snapshot: DirectorySnapshot
        do {
            snapshot = try JSONDecoder().decode(DirectorySnapshot.self, from: data)
        } catch let error as DecodingError {
            throw SnapshotFileError(path: path, problem: .invalidContent(Self.describe(error)))
        }
        snapshot.source = .snapshotFile
        return snapshot
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
        case unwritable(String)
        case notJSON
        case notASnapshot
        /// The file's `formatVersion`, as text.
        case unsupportedFormatVersion(String)
        /// The JSON path of the invalid content and its problem, such as `grants.state is missing`.
        case invalidContent(String)
    }

    public var path: String
    public var problem: Problem

    public var description: String {
        switch problem {
        case .unreadable(let reason):
            return "Cannot read the snapshot file \(path): \(reason). Check the path and its permissions."
        case .unwritable(let reason):
            return "Cannot write the snapshot file \(path): \(reason). Check that the folder exists and is writable."
        case .notJSON:
            return "The snapshot file \(path) is not valid JSON. Save the snapshot again with consent-doctor."
        case .notASnapshot:
            return "The file \(path) is JSON but not a consent-doctor snapshot: it has no formatVersion or servicePrincipals."
        case .unsupportedFormatVersion(let found):
            return "The snapshot file \(path) has format version \(found), but this version of consent-doctor reads only version \(DirectorySnapshot.formatVersion). Save the snapshot again with this version."
        case .invalidContent(let detail):
            return "The snapshot file \(path) is invalid: \(detail). Save the snapshot again with consent-doctor."
        }
    }
}
