import Foundation

/// The troubleshooting block of the sign-in error page: lines such as `Request Id: {guid}`,
/// `Correlation Id: {guid}` and `Timestamp: {ISO 8601}`, in whatever language the page used.
///
/// English labels are read by name. Other labels are read by the shape of their values: a GUID
/// or an ISO 8601 timestamp after a short label.
enum PageLabels {
    private struct LabelLine {
        var label: String
        var value: String
    }

    private static let isoTimestamp = TextPattern(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$"#)

    /// Returns whether `text` holds at least two `label: GUID` lines, the shape of the block.
    static func looksLikeTroubleshootingBlock(_ text: String) -> Bool {
        labelLines(in: text).filter { Identifiers.isGUID($0.value) }.count >= 2
    }

    /// Fills request id, correlation id, timestamp and app id from label lines in `segment`.
    static func apply(to values: inout ExtractedValues, from segment: Substring) {
        let lines = labelLines(in: String(segment.prefix(4096)))
        let guidLines = lines.filter { Identifiers.isGUID($0.value) }
        guard guidLines.count >= 2 else {
            return
        }

        if values.clientName == nil, let name = lines.first(where: { line in
            let label = line.label.lowercased()
            return label.contains("app") && label.contains("name") && !Identifiers.isGUID(line.value)
        }) {
            values.clientName = name.value
        }

        var unlabelled: [String] = []
        for line in guidLines {
            let label = line.label.lowercased()
            if label.contains("correlation") || label.contains("request") || label.contains("trace") {
                continue
            }
            if label.contains("app") {
                if values.clientAppId == nil {
                    values.clientAppId = line.value
                }
                continue
            }
            let isAppId = WellKnownApps.app(appId: line.value) != nil
                || values.clientAppId?.caseInsensitiveCompare(line.value) == .orderedSame
            if !isAppId {
                unlabelled.append(line.value)
            }
        }

        // NOTE: a localized page is assumed to keep the English layout, where the request id
        // comes before the correlation id. A page that reorders them swaps the two here.
        if values.requestId == nil, let first = unlabelled.first {
            values.requestId = first
        }
        if values.correlationId == nil, unlabelled.count >= 2 {
            values.correlationId = unlabelled[1]
        }
        if values.timestamp == nil, let stamp = lines.first(where: { isoTimestamp.matches($0.value) }) {
            values.timestamp = stamp.value
        }
    }

    /// Returns how many lines of `text` contain a colon, ASCII or full-width, counting to 2.
    private static func linesWithColons(in text: String) -> Int {
        var count = 0
        var lineHasColon = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lineHasColon = false
            } else if !lineHasColon, byte == UInt8(ascii: ":") || (previous == 0xBC && byte == 0x9A) {
                // U+FF1A, the full-width colon, is EF BC 9A in UTF-8.
                lineHasColon = true
                count += 1
                if count == 2 {
                    return count
                }
            }
            previous = byte
        }
        return count
    }

    private static func labelLines(in text: String) -> [LabelLine] {
        // Every label line has a colon, and the callers need two such lines.
        guard linesWithColons(in: text) >= 2 else {
            return []
        }
        var result: [LabelLine] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let colon = rawLine.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                continue
            }
            let label = rawLine[..<colon].trimmingCharacters(in: .whitespaces)
            let value = rawLine[rawLine.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard (1...48).contains(label.count), !label.contains("AADSTS"), (1...200).contains(value.count) else {
                continue
            }
            result.append(LabelLine(label: label, value: value))
        }
        return result
    }
}
