/// Renders a report as one self-contained HTML page.
public enum HTMLRenderer {
    public static func render(_ report: Report) -> String {
        // Placeholder until the HTML document tree lands.
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>consent-doctor report</title></head><body></body></html>\n"
    }
}
