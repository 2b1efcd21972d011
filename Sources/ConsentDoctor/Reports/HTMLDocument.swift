/// A complete report page: a fixed head (character set, Content Security Policy, referrer policy,
/// title and the fixed style sheet) and a body built from `HTMLNode`s.
///
/// Serialisation is the only place that turns values into markup. It escapes every text node and
/// attribute value after cleaning them with `ReportTextSanitizer`, and the only characters it
/// writes unescaped are the doctype, the fixed head and the constant style sheet.
public struct HTMLDocument: Sendable {
    /// The policy that forbids the page to load or run anything: no scripts, images, fonts, frames,
    /// form targets or base URL, and only the inline style sheet.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"

    /// The elements the serialiser writes around the body.
    public static let skeletonElementNames: Set<String> = ["html", "head", "meta", "title", "style", "body"]

    /// The attributes the serialiser writes on the skeleton's `html` and `meta` elements.
    public static let skeletonAttributeNames: Set<String> = ["lang", "charset", "http-equiv", "name", "content"]

    /// Every element name a page can contain.
    public static var allowedElementNames: Set<String> {
        skeletonElementNames.union(HTMLTag.allCases.map(\.rawValue))
    }

    /// Every attribute name a page can contain.
    public static var allowedAttributeNames: Set<String> {
        skeletonAttributeNames.union(HTMLAttributeName.allCases.map(\.rawValue))
    }

    public var title: String
    public var body: [HTMLNode]

    public init(title: String, body: [HTMLNode]) {
        self.title = title
        self.body = body
    }

    /// Returns the page as HTML text, ending with a newline.
    public func serialized() -> String {
        var output = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        output += "<meta charset=\"utf-8\">\n"
        output += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.escape(Self.contentSecurityPolicy))\">\n"
        output += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        output += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        output += "<title>\(Self.escape(title))</title>\n"
        output += "<style>\n\(HTMLStyleSheet.css)</style>\n"
        output += "</head>\n<body>\n"
        for node in body {
            Self.write(node, to: &output)
        }
        output += "</body>\n</html>\n"
        return output
    }

    /// Returns `text` cleaned of unsafe characters and with `& < > " '` replaced by character
    /// references, which makes it safe both as element content and as a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in ReportTextSanitizer.clean(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func write(_ node: HTMLNode, to output: inout String) {
        switch node {
        case .text(let text):
            output += escape(text)
        case .element(let tag, let attributes, let children):
            output += "<\(tag.rawValue)"
            for attribute in attributes {
                output += " \(attribute.name.rawValue)=\"\(escape(attribute.value))\""
            }
            output += ">"
            if tag.startsSourceLine {
                output += "\n"
            }
            for child in children {
                write(child, to: &output)
            }
            output += "</\(tag.rawValue)>"
            if tag.endsSourceLine {
                output += "\n"
            }
        }
    }
}
