/// An element that may appear in the body of a report page. The set is closed: the renderer can
/// emit no other element, whatever the report holds.
public enum HTMLTag: String, CaseIterable, Sendable {
    case header, main, section, footer, div
    case h1, h2, h3
    case p, span, strong, code, pre
    case ul, ol, li
    case dl, dt, dd
    case table, thead, tbody, tr, th, td

    /// Whether the serialiser starts a new source line after the end tag, which keeps the file
    /// readable without adding whitespace inside inline content.
    var endsSourceLine: Bool {
        switch self {
        case .span, .strong, .code:
            false
        default:
            true
        }
    }

    /// Whether the serialiser also starts a new source line after the start tag, for elements
    /// that hold only other elements.
    var startsSourceLine: Bool {
        switch self {
        case .header, .main, .section, .footer, .ul, .ol, .dl, .table, .thead, .tbody, .tr:
            true
        default:
            false
        }
    }
}

/// An attribute name the renderer may emit. Like `HTMLTag`, the set is closed, and it contains no
/// event handler, `href`, `src` or `style`.
public enum HTMLAttributeName: String, CaseIterable, Sendable {
    case `class`
    case id
    case scope
    case ariaLabel = "aria-label"
}

/// A CSS class of the fixed style sheet. Class names never come from report data.
public enum HTMLClass: String, CaseIterable, Sendable {
    case badge
    case statusPass = "status-pass"
    case statusFail = "status-fail"
    case statusWarning = "status-warning"
    case statusUnknown = "status-unknown"
    case statusInfo = "status-info"
    case verdict
    case verdictHealthy = "verdict-healthy"
    case verdictProblems = "verdict-problems"
    case verdictIncomplete = "verdict-incomplete"
    case verdictDiagnosed = "verdict-diagnosed"
    case verdictNoErrorFound = "verdict-no-error-found"
    case verdictLabel = "verdict-label"
    case counts
    case finding
    case diagnosis
    case findingId = "finding-id"
    case detail
    case reason
    case evidence
    case values
    case commands
    case warnings
    case notes
    case plan
    case writes
    case writeRecord = "write-record"
    case requests
    case metadata
    case subtitle
    case muted
    case url
}

/// One attribute with its value. The serialiser escapes the value.
public struct HTMLAttribute: Sendable, Equatable {
    public var name: HTMLAttributeName
    public var value: String

    public init(_ name: HTMLAttributeName, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A node of a report page: an element from the fixed set, or text.
///
/// There is no case for raw markup. Text is escaped when the tree is serialised, so report data
/// can only ever become text nodes.
public indirect enum HTMLNode: Sendable, Equatable {
    case element(HTMLTag, attributes: [HTMLAttribute], children: [HTMLNode])
    case text(String)

    /// Returns an element with optional CSS classes, extra attributes and children.
    public static func tag(
        _ tag: HTMLTag,
        classes: [HTMLClass] = [],
        attributes: [HTMLAttribute] = [],
        _ children: [HTMLNode] = []
    ) -> HTMLNode {
        var all = attributes
        if !classes.isEmpty {
            all.insert(HTMLAttribute(.class, classes.map(\.rawValue).joined(separator: " ")), at: 0)
        }
        return .element(tag, attributes: all, children: children)
    }

    /// Returns an element whose only child is `text`.
    public static func tag(_ tag: HTMLTag, classes: [HTMLClass] = [], text: String) -> HTMLNode {
        .tag(tag, classes: classes, [.text(text)])
    }
}
