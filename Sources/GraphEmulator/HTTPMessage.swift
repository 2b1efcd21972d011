import Foundation

/// An HTTP/1.1 request as the server received it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target exactly as sent, such as `/v1.0/servicePrincipals?$filter=appId%20eq%20'x'`.
    public var target: String
    public var httpVersion: String
    /// Header fields in arrival order, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: String, target: String, httpVersion: String = "HTTP/1.1", headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.method = method
        self.target = target
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
    }

    /// Returns the first value of a header, matching the name without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The path part of the target, percent-decoded.
    public var path: String {
        let rawPath = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return rawPath.removingPercentEncoding ?? rawPath
    }

    /// The query parameters, percent-decoded, with `+` kept as a literal plus as Graph does.
    public var queryItems: [(name: String, value: String)] {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return []
        }
        return parts[1].split(separator: "&").map { pair in
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(nameAndValue[0])
            let value = nameAndValue.count > 1 ? String(nameAndValue[1]) : ""
            return (name.removingPercentEncoding ?? name, value.removingPercentEncoding ?? value)
        }
    }

    /// Returns the first value of a query parameter, matching the name without regard to case.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// An HTTP response to send, or an instruction to misbehave for fault tests.
public struct HTTPResponse: Sendable {
    public enum Behaviour: Sendable {
        /// Send the response normally.
        case respond
        /// Read the request but never answer, holding the connection open until the server stops.
        case hang
        /// Close the connection without answering.
        case dropConnection
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var behaviour: Behaviour

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data(), behaviour: Behaviour = .respond) {
        self.status = status
        self.headers = headers
        self.body = body
        self.behaviour = behaviour
    }

    /// Returns a response with a JSON body and the matching content type.
    public static func json(_ status: Int, _ object: Any, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        let body = JSONWriter.data(object)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    /// Returns a response with a plain-text body.
    public static func text(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Data(text.utf8))
    }

    public static let hang = HTTPResponse(status: 0, behaviour: .hang)
    public static let dropConnection = HTTPResponse(status: 0, behaviour: .dropConnection)

    /// Returns the standard reason phrase for a status code.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
