import CLibXML2

/// The parts of a saved sign-in error page that carry the error: the visible text, and the
/// inline scripts, one of which assigns `$Config={...}`.
struct SignInPageHTML {
    var visibleText: String
    var scripts: [String]
    /// The reason the parse stopped before the end of the page, as a phrase after "The HTML", such as
    /// `nests elements more than 1024 deep`. It is nil when the whole page was read.
    var limitReached: String?

    /// The deepest element nesting walked; deeper elements would be left out, so a page that
    /// nests deeper is read as text instead.
    static let maximumDepth = 1024

    private static let hiddenElements: Set<String> = ["script", "style", "noscript", "template", "head", "title"]
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    ]

    /// Parses HTML with libxml2's forgiving HTML parser, with network access off.
    /// Returns nil when libxml2 cannot build a document at all.
    ///
    /// `XML_PARSE_HUGE` lifts libxml2's 10,000,000-byte limit on one text node, which would
    /// otherwise stop the parse silently inside a large page. That is safe because the callers
    /// parse at most `PasteReader.wholeDocumentLimit` bytes as a document.
    static func parse(_ bytes: [UInt8]) -> SignInPageHTML? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else {
            return nil
        }
        LibXML2.initializeOnce()
        guard let context = htmlNewParserCtxt() else {
            return nil
        }
        defer { htmlFreeParserCtxt(context) }

        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue
        )
        let document = bytes.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { characters in
                htmlCtxtReadMemory(context, characters, Int32(pointer.count), nil, "UTF-8", options)
            }
        }
        guard let document else {
            return nil
        }
        defer { xmlFreeDoc(document) }

        var page = SignInPageHTML(visibleText: "", scripts: [])
        // libxml2 turns its SAX callbacks off when a fatal error halts the parser, so the
        // document ends where the parser stopped.
        if context.pointee.disableSAX != 0 {
            page.limitReached = "made libxml2 stop parsing before the end of the page"
        }
        if let root = xmlDocGetRootElement(document) {
            page.walk(root, hidden: false, depth: 0)
        }
        return page
    }

    private mutating func walk(_ node: xmlNodePtr, hidden: Bool, depth: Int) {
        guard depth < Self.maximumDepth else {
            limitReached = limitReached ?? "nests elements more than \(Self.maximumDepth) deep"
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
