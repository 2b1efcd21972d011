/// Notes about how an input was read, for the places where reading left something out.
enum ReadingNotes {
    /// The maximum number of codes the note on omitted errors names; the JSON report lists them all.
    static let listedOmittedCodes = 10

    static let streamedHAR = "The input looks like a HAR file. Above 16 MiB it is scanned as text, so errors inside base64-encoded response bodies are not found; save a HAR of fewer requests to have them read."

    /// Returns whether the start of an input looks like a HAR file: a JSON object with a `log`
    /// that has `entries`.
    static func looksLikeHAR(_ head: [UInt8]) -> Bool {
        guard DocumentKind.detect(head) == .json else {
            return false
        }
        let start = String(decoding: head.prefix(64 << 10), as: UTF8.self)
        return start.contains("\"log\"") && start.contains("\"entries\"")
    }

    /// Returns the note that states how many errors were only counted, or nil when none were.
    static func omittedErrors(_ merger: OccurrenceMerger) -> String? {
        let counts = merger.omitted.counts
        let others = merger.omitted.otherCodeOccurrences
        guard !counts.isEmpty || others > 0 else {
            return nil
        }
        let total = counts.reduce(others) { $0 + $1.occurrences }
        var note = "Only the first \(grouped(merger.detailLimit)) distinct errors are diagnosed. "
            + "\(grouped(total)) more \(total == 1 ? "error was" : "errors were") found after them and only counted: "
        var parts = counts.prefix(listedOmittedCodes).map(phrase)
        if counts.count > listedOmittedCodes {
            let rest = counts.dropFirst(listedOmittedCodes).reduce(0) { $0 + $1.occurrences }
            parts.append("\(grouped(rest)) of \(counts.count - listedOmittedCodes) other codes (listed in the JSON report's omittedErrors)")
        }
        if others > 0 {
            parts.append("\(grouped(others)) of codes beyond the \(grouped(OmittedErrorTally.maximumCodes)) that are counted one by one")
        }
        note += parts.joined(separator: "; ") + "."
        if counts.contains(where: \.distinctCountsCapped) {
            note += " Distinct counts stopped at \(grouped(merger.omitted.maximumRememberedValues)) remembered values, so they are lower bounds."
        }
        return note
    }

    /// Returns the note that reading stopped at the input size limit after `bytes` bytes.
    static func stoppedReading(after bytes: Int) -> String {
        let amount = bytes == 1 ? "1 byte" : "\(grouped(bytes)) bytes"
        return "Reading stopped after \(amount), the input size limit (--max-input-bytes), so errors after that point are not reported."
    }

    /// Returns a phrase such as `AADSTS650052 7,900 times (7,900 distinct, in 7,900 tenants, for 1 resource)`.
    private static func phrase(_ count: OmittedErrorCount) -> String {
        let name = count.code?.description
            ?? count.applicationErrorCode.map { "RedisInsight error \($0)" }
            ?? "errors without a code"
        var details = ["\(grouped(count.distinctErrors)) distinct"]
        if count.tenants > 0 {
            details.append("in \(grouped(count.tenants)) \(count.tenants == 1 ? "tenant" : "tenants")")
        }
        if count.resources > 0 {
            details.append("for \(grouped(count.resources)) \(count.resources == 1 ? "resource" : "resources")")
        }
        let times = count.occurrences == 1 ? "once" : "\(grouped(count.occurrences)) times"
        return "\(name) \(times) (\(details.joined(separator: ", ")))"
    }

    /// Returns `number` with commas between groups of three digits, such as `4,294,967,296`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
