import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A response that `CannedHTTPServer` sends.
public struct CannedHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: String = "") {
        self.status = status
        self.headers = headers
        self.body = Data(body.utf8)
    }

    /// Returns a response with a JSON body given as text.
    public static func json(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> CannedHTTPResponse {
        CannedHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}

/// An HTTP/1.1 server on 127.0.0.1 that sends, for every request, the response a closure picks
/// from the method and request target, then closes the connection. It replaces a token
/// endpoint or a Graph root with statuses the emulator never sends, such as 500 or 307.
public final class CannedHTTPServer: @unchecked Sendable {
    public let port: UInt16
    private let listener: Int32
    private let respond: @Sendable (_ method: String, _ target: String) -> CannedHTTPResponse
    private let lock = NSLock()
    private var receivedTargets: [String] = []
    private var stopped = false

    /// Starts listening on a free loopback port.
    ///
    /// - Throws: `LoopbackHTTPError` when no socket can be bound on 127.0.0.1.
    public init(respond: @escaping @Sendable (_ method: String, _ target: String) -> CannedHTTPResponse) throws {
        self.respond = respond
        (listener, port) = try LoopbackListener.open()
        Thread { [self] in acceptLoop() }.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`.
    public var rootURL: String {
        "http://127.0.0.1:\(port)"
    }

    /// The method and request target of every request received, such as `POST /t/oauth2/v2.0/token`.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return receivedTargets
    }

    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                return
            }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        guard let requestLine = readRequest(connection) else {
            return
        }
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2 else {
            return
        }
        lock.lock()
        receivedTargets.append("\(parts[0]) \(parts[1])")
        lock.unlock()

        let response = respond(String(parts[0]), String(parts[1]))
        var head = "HTTP/1.1 \(response.status) Canned\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n"
        for header in response.headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "\r\n"
        let bytes = Data(head.utf8) + response.body
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written <= 0 {
                    return
                }
                offset += written
            }
        }
        shutdown(connection, Int32(SHUT_WR))
    }

    /// Reads the request head and the body its Content-Length announces, and returns the request
    /// line, or nil when the peer closed or timed out first.
    private func readRequest(_ connection: Int32) -> String? {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let headEnd = received.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let bodyLength = lines.dropFirst().compactMap { line -> Int? in
                    let pieces = line.split(separator: ":", maxSplits: 1)
                    guard pieces.count == 2, pieces[0].lowercased() == "content-length" else {
                        return nil
                    }
                    return Int(pieces[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                if received.count - headEnd.upperBound >= bodyLength {
                    return lines.first
                }
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            if count > 0 {
                received.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return nil
            }
        }
    }
}
