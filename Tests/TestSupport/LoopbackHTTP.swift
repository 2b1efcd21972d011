import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A response read by `LoopbackHTTP`.
public struct LoopbackHTTPResponse: Sendable {
    public var status: Int
    /// Header fields in arrival order.
    public var headers: [(name: String, value: String)]
    public var body: Data

    /// Returns the first value of a header, matching the name without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body parsed as a JSON object, or nil when it is not one.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// Why a loopback request failed.
public struct LoopbackHTTPError: Error, CustomStringConvertible {
    public var description: String
}

/// A minimal blocking HTTP/1.1 client for tests. It connects only to 127.0.0.1, sends one
/// request with `Connection: close` and reads the response to its end.
public enum LoopbackHTTP {
    /// Sends a request to `127.0.0.1:port` and returns the response.
    ///
    /// - Parameter timeout: seconds to wait for the connection and for each read before giving up.
    /// - Throws: `LoopbackHTTPError` when the connection fails, times out or closes without a response.
    public static func send(
        port: UInt16,
        method: String,
        target: String,
        headers: [(name: String, value: String)] = [],
        body: Data? = nil,
        timeout: TimeInterval = 10
    ) throws -> LoopbackHTTPResponse {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw LoopbackHTTPError(description: "cannot create a socket: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }

        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            throw LoopbackHTTPError(description: "cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }

        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for header in headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        if let body {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var request = Data(head.utf8)
        if let body {
            request.append(body)
        }
        try writeAll(descriptor, request)

        let received = try readAll(descriptor, port: port)
        return try parse(received, port: port)
    }

    /// Sends a GET request.
    public static func get(port: UInt16, _ target: String, headers: [(name: String, value: String)] = [], timeout: TimeInterval = 10) throws -> LoopbackHTTPResponse {
        try send(port: port, method: "GET", target: target, headers: headers, timeout: timeout)
    }

    /// Sends a POST request with a body.
    public static func post(port: UInt16, _ target: String, body: Data, headers: [(name: String, value: String)] = [], timeout: TimeInterval = 10) throws -> LoopbackHTTPResponse {
        try send(port: port, method: "POST", target: target, headers: headers, body: body, timeout: timeout)
    }

    private static func writeAll(_ descriptor: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else {
                return
            }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.send(descriptor, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw LoopbackHTTPError(description: "sending the request failed: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Reads until the peer closes, or until the body announced by Content-Length is complete.
    private static func readAll(_ descriptor: Int32, port: UInt16) throws -> Data {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count > 0 {
                received.append(contentsOf: chunk[0..<count])
                if let expected = expectedLength(received), received.count >= expected {
                    return received
                }
                continue
            }
            if count == 0 {
                return received
            }
            if errno == EINTR {
                continue
            }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                throw LoopbackHTTPError(description: "timed out waiting for a response from 127.0.0.1:\(port)")
            }
            throw LoopbackHTTPError(description: "reading the response failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Returns the total response length once the head has arrived and names a Content-Length.
    private static func expectedLength(_ data: Data) -> Int? {
        guard let headEnd = data.range(of: Data("\r\n\r\n".utf8)) else {
            return nil
        }
        let head = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self)
        for line in head.components(separatedBy: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            if pieces.count == 2, pieces[0].lowercased() == "content-length", let length = Int(pieces[1].trimmingCharacters(in: .whitespaces)) {
                return headEnd.upperBound + length
            }
        }
        return nil
    }

    private static func parse(_ data: Data, port: UInt16) throws -> LoopbackHTTPResponse {
        guard !data.isEmpty else {
            throw LoopbackHTTPError(description: "127.0.0.1:\(port) closed the connection without a response")
        }
        guard let headEnd = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw LoopbackHTTPError(description: "the response from 127.0.0.1:\(port) has no complete head")
        }
        let lines = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw LoopbackHTTPError(description: "the status line '\(lines[0])' is malformed")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            let pieces = line.split(separator: ":", maxSplits: 1)
            if pieces.count == 2 {
                headers.append((String(pieces[0]), pieces[1].trimmingCharacters(in: .whitespaces)))
            }
        }
        return LoopbackHTTPResponse(status: status, headers: headers, body: Data(data[headEnd.upperBound...]))
    }
}
