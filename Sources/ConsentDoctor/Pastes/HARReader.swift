import Foundation

/// Reads the errors in a HAR file saved from a browser's developer tools.
///
/// Only response bodies, response redirect targets (`redirectURL` and `Location` headers) and
/// the OAuth error parameters of request URLs are read. Request headers, cookies and post data
/// are never read, so no cookie, bearer token, authorization code or secret can reach a report.
enum HARReader {
    /// Returns whether a parsed JSON document is a HAR log.
    static func isHAR(_ json: Any) -> Bool {
        guard let root = json as? [String: Any], let log = root["log"] as? [String: Any] else {
            return false
        }
        return log["entries"] is [Any]
    }

    /// Collects the errors in the HAR's entries, in entry order.
    static func collect(_ json: Any, into merger: inout OccurrenceMerger, notes: inout [String]) {
        guard let root = json as? [String: Any],
              let log = root["log"] as? [String: Any],
              let entries = log["entries"] as? [Any]
        else {
            return
        }
        for case let entry as [String: Any] in entries {
            collect(entry: entry, into: &merger, notes: &notes)
        }
    }

    private static func collect(entry: [String: Any], into merger: inout OccurrenceMerger, notes: inout [String]) {
        let extractor = TextExtractor(formOverride: .har, firstLine: nil)

        if let request = entry["request"] as? [String: Any], let url = request["url"] as? String,
           url.contains("error_description=") || url.contains("error=") {
            extractor.forEachOccurrence(in: url) { merger.add($0) }
        }

        guard let response = entry["response"] as? [String: Any] else {
            return
        }
        var redirects: [String] = []
        if let redirect = response["redirectURL"] as? String, !redirect.isEmpty {
            redirects.append(redirect)
        }
        if let headers = response["headers"] as? [Any] {
            for case let header as [String: Any] in headers {
                if (header["name"] as? String)?.lowercased() == "location", let value = header["value"] as? String {
                    redirects.append(value)
                }
            }
        }
        for redirect in redirects where redirect.contains("error") {
            extractor.forEachOccurrence(in: redirect) { merger.add($0) }
        }

        if let body = responseBody(response) {
            PasteReader.collect(document: body, form: .har, into: &merger, notes: &notes)
        }
    }

    /// Returns the response body as bytes, decoding base64 bodies, or nil when it is empty.
    ///
    /// Bodies of any size are returned: the HAR itself was small enough to parse whole, and a
    /// body too large to parse as a document is scanned as text.
    private static func responseBody(_ response: [String: Any]) -> [UInt8]? {
        guard let content = response["content"] as? [String: Any], let text = content["text"] as? String, !text.isEmpty else {
            return nil
        }
        if (content["encoding"] as? String)?.lowercased() == "base64" {
            // A body that is not valid base64 is read as it is, so an error in it is still found.
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                return Array(text.utf8)
            }
            return [UInt8](data)
        }
        return Array(text.utf8)
    }
}
