import Foundation

/// Reads an input file whole, up to a size limit, so an oversized file fails with a clear error
/// before it fills memory.
///
/// Parsing JSON takes many times the file's size in memory: a 347 MB snapshot reached 6.6 GB
/// of resident memory before the limit existed. Real inputs are far below the limit, because a
/// snapshot or a paste of `az` output for one app contains a few service principals and grants.
public enum InputFileReader {
    /// The largest input file read: 64 MiB.
    public static let maximumBytes = 64 * 1024 * 1024

    /// Returns the bytes of the file at `path`.
    ///
    /// - Throws: `InputFileError` when the file cannot be read or is larger than `limit` bytes.
    public static func read(path: String, limit: Int = maximumBytes) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw InputFileError(path: path, problem: .tooLarge(limit: limit))
        }
        // Reading one byte past the limit detects a file that grew after the size check, or a pipe.
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw InputFileError(path: path, problem: .unreadable(FileErrorPhrase.phrase(for: error)))
        }
        guard data.count <= limit else {
            throw InputFileError(path: path, problem: .tooLarge(limit: limit))
        }
        return data
    }

    /// Returns a limit as text, such as `64 MiB`.
    public static func describe(bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        return bytes % mebibyte == 0 ? "\(bytes / mebibyte) MiB" : "\(bytes) bytes"
    }
}

/// An input file that could not be read whole.
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The system's reason, such as `no such file` or `is a directory`.
        case unreadable(String)
        /// The file is larger than the limit, in bytes.
        case tooLarge(limit: Int)
    }

    public var path: String
    public var problem: Problem

    public var description: String {
        switch problem {
        case .unreadable(let reason):
            return "Cannot read \(path): \(reason). Check the path and its permissions."
        case .tooLarge(let limit):
            return "\(path) is larger than \(InputFileReader.describe(bytes: limit)), the most consent-doctor reads from one input file."
        }
    }
}
