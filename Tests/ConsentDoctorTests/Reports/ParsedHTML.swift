import CLibXML2
import Foundation

/// An element of an HTML page parsed by libxml2, copied into Swift values.
struct ParsedElement {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [ParsedNode]

    /// Returns the value of the first attribute called `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The CSS classes in the `class` attribute.
    var classes: Set<String> {
        Set((attribute("class") ?? "").split(separator: " ").map(String.init))
    }

    /// The concatenated text of every descendant text node.
    var textContent: String {
        children.map { node in
            switch node {
            case .text(let text): text
            case .element(let element): element.textContent
            }
        }.joined()
    }

    /// The child elements, skipping text.
    var childElements: [ParsedElement] {
        children.compactMap { node in
            if case .element(let element) = node {
                return element
            }
            return nil
        }
    }

    /// Every element below this one, depth first, in document order.
    var descendants: [ParsedElement] {
        childElements.flatMap { [$0] + $0.descendants }
    }

    /// Every text node below this one, in document order.
    var textNodes: [String] {
        children.flatMap { node -> [String] in
            switch node {
            case .text(let text): [text]
            case .element(let element): element.textNodes
            }
        }
    }

    /// Returns the descendants named `name`, optionally with a CSS class.
    func elements(_ name: String, withClass cssClass: String? = nil) -> [ParsedElement] {
        descendants.filter { $0.name == name && (cssClass.map($0.classes.contains) ?? true) }
    }
}

enum ParsedNode {
    case element(ParsedElement)
    case text(String)
}

/// Parses HTML with libxml2's HTML parser, the way a lenient browser-like reader would, so tests
/// see which elements and attributes the markup really produced.
enum ParsedHTML {
    struct ParseError: Error, CustomStringConvertible {
        var description: String { "libxml2 could not parse the HTML document" }
    }

    /// Returns the root element (`html`) of `html`.
    static func parse(_ html: String) throws -> ParsedElement {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let bytes = Array(html.utf8)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                htmlReadMemory(characters.baseAddress, Int32(characters.count), "report.html", "UTF-8", options)
            }
        }
        guard let document else {
            throw ParseError()
        }
        defer { xmlFreeDoc(document) }

        guard let root = xmlDocGetRootElement(document), let element = convert(root) else {
            throw ParseError()
        }
        return element
    }

    private static func convert(_ node: xmlNodePtr) -> ParsedElement? {
        guard node.pointee.type == XML_ELEMENT_NODE else {
            return nil
        }
        let name = String(cString: node.pointee.name)

        var attributes: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let attributeName = String(cString: current.pointee.name)
            var value = ""
            if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: content)
                cd_xml_free(content)
            }
            attributes.append((attributeName, value))
            attribute = current.pointee.next
        }

        var children: [ParsedNode] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if let element = convert(current) {
                    children.append(.element(element))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = xmlNodeGetContent(current) {
                    children.append(.text(String(cString: content)))
                    cd_xml_free(content)
                }
            default:
                break
            }
            child = current.pointee.next
        }
        return ParsedElement(name: name, attributes: attributes, children: children)
    }
}
