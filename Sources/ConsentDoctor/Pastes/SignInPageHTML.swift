import CLibXML2

/// The parts of a saved sign-in error page that carry the error: the visible text, and the
/// inline scripts, one of which assigns `$Config={...}`.
struct SignInPageHTML {
    var visibleText: String
    var scripts: [String]

    private static let hiddenElements: Set<String> = ["script", "style", "noscript", "template", "head", "title"]
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    ]

    /// Parses HTML with libxml2's forgiving HTML parser, with network access off.
    /// Returns nil when libxml2 cannot build a document at all.
    static func parse(_ bytes: [UInt8]) -> SignInPageHTML? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else {
            return nil
        }
        LibXML2.initializeOnce()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { characters in
                htmlReadMemory(characters, Int32(pointer.count), nil, "UTF-8", options)
            }
        }
        guard let document else {
            return nil
        }
        defer { xmlFreeDoc(document) }

        var page = SignInPageHTML(visibleText: "", scripts: [])
        if let root = xmlDocGetRootElement(document) {
            page.walk(root, hidden: false, depth: 0)
        }
        return page
    }

    private mutating func walk(_ node: xmlNodePtr, hidden: Bool, depth: Int) {
        guard depth < 256 else {
            return
        }
        var child: xmlNodePtr? = node
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if name == "script" {
                    scripts.append(Self.content(of: current))
                }
                let isBlock = Self.blockElements.contains(name)
                if isBlock {
                    visibleText += "\n"
                }
                if let children = current.pointee.children {
                    walk(children, hidden: hidden || Self.hiddenElements.contains(name), depth: depth + 1)
                }
                if isBlock {
                    visibleText += "\n"
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if !hidden, let content = current.pointee.content {
                    visibleText += String(cString: content)
                }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    private static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else {
            return ""
        }
        defer { cd_xml_free(raw) }
        return String(cString: raw)
    }
}

/// One-time libxml2 set-up, needed before parsing from several threads.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
