import Foundation

/// One piece of pasted Azure CLI output.
enum AzOutputItem {
    /// A command line such as `$ az ad sp show --id …`, which identifies the next output.
    case command(AzCommandLine)
    /// A JSON object or array, with the raw bytes for typed decoding.
    case json(Any, Data, line: Int)
    /// An `ERROR:` line, without the prefix.
    case error(String, line: Int)
    /// Text that starts like JSON but does not parse.
    case unreadableJSON(line: Int)
}

/// An `az` command line from a paste, split into words.
struct AzCommandLine: Equatable {
    var words: [String]

    /// Parses a line such as `$ az ad sp show --id X`, `PS C:\> az …` or `az …`, or returns nil
    /// when the line is not an az command.
    init?(line: String) {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        for prompt in ["$ ", "> ", "# ", "% "] where text.hasPrefix(prompt) {
            text = text.dropFirst(prompt.count)
            break
        }
        if text.hasPrefix("PS "), let end = text.range(of: "> ") {
            text = text[end.upperBound...]
        }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        guard text.hasPrefix("az ") else {
            return nil
        }
        words = text.split(whereSeparator: \.isWhitespace).map { word in
            String(word).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
    }

    /// The value after `--id`, if any.
    var idArgument: String? {
        guard let index = words.firstIndex(of: "--id"), index + 1 < words.count else {
            return nil
        }
        return words[index + 1]
    }

    var isServicePrincipalShow: Bool {
        words.starts(with: ["az", "ad", "sp", "show"])
    }

    var isListGrants: Bool {
        words.starts(with: ["az", "ad", "app", "permission", "list-grants"])
    }

    /// The appIds named in an `appId eq '…'` filter, as in `az ad sp list --filter`.
    var filteredAppIds: [String] {
        let text = words.joined(separator: " ")
        var result: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "appId eq ") {
            let candidate = rest[range.upperBound...].drop { $0 == "'" || $0 == "\\" }.prefix(36)
            if Identifiers.isGUID(candidate) {
                result.append(candidate.lowercased())
            }
            rest = rest[range.upperBound...]
        }
        return result
    }

    var text: String {
        words.joined(separator: " ")
    }
}

/// Splits pasted text into az command lines, JSON values and error lines. Other lines, such as
/// warnings and blank lines, are skipped.
enum AzOutputScanner {
    /// The largest JSON value read, in bytes. A list-grants output of a large tenant with
    /// thousands of per-user grants stays well below it, and the cap bounds the rescanning that
    /// text with many unbalanced brackets would cause.
    static let maximumValueBytes = 16 << 20

    static func items(in text: String) -> [AzOutputItem] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{FEFF}", with: "")
        let lines = normalized.components(separatedBy: "\n")
        var items: [AzOutputItem] = []
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if let command = AzCommandLine(line: trimmed) {
                items.append(.command(command))
            } else if trimmed.hasPrefix("ERROR:") {
                let message = trimmed.dropFirst("ERROR:".count).trimmingCharacters(in: .whitespaces)
                items.append(.error(message, line: index + 1))
            } else if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
                if let (value, data, lineCount) = jsonValue(startingAt: index, in: lines) {
                    items.append(.json(value, data, line: index + 1))
                    index += lineCount
                    continue
                }
                items.append(.unreadableJSON(line: index + 1))
            }
            index += 1
        }
        return items
    }

    /// Reads the JSON value that starts on line `start`, finding its end by counting brackets
    /// outside strings. Returns the value, its bytes and the number of lines it spans.
    private static func jsonValue(startingAt start: Int, in lines: [String]) -> (Any, Data, Int)? {
        var bytes: [UInt8] = []
        var depth = 0
        var reader = JSONBracketReader()
        var lineIndex = start
        while lineIndex < lines.count {
            let line = lineIndex == start ? lines[lineIndex].trimmingCharacters(in: .whitespaces) : lines[lineIndex]
            if bytes.count + line.utf8.count > maximumValueBytes {
                return nil
            }
            for byte in line.utf8 {
                bytes.append(byte)
                switch reader.read(byte) {
                case .opened:
                    depth += 1
                case .closed:
                    depth -= 1
                    if depth == 0 {
                        let data = Data(bytes)
                        guard let value = try? JSONSerialization.jsonObject(with: data) else {
                            return nil
                        }
                        return (value, data, lineIndex - start + 1)
                    }
                case .other:
                    break
                }
            }
            bytes.append(UInt8(ascii: "\n"))
            lineIndex += 1
        }
        return nil
    }
}
