import Foundation

/// Renders a report as the JSON document described by `docs/report-schema.json`.
public enum JSONRenderer {
    /// Returns pretty-printed JSON with sorted keys, so output is stable for golden files.
    public static func render(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else {
            // Encoding plain structs of strings and numbers cannot fail, but never print nothing.
            return "{\"schemaVersion\":\"\(Report.currentSchemaVersion)\",\"error\":\"the report could not be encoded\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
