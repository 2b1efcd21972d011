import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A small threaded HTTP/1.1 server bound to 127.0.0.1, with keep-alive, for tests and the emulator.
///
/// Each connection gets its own thread, so a handler may sleep to add latency or return
/// `HTTPResponse.hang` without blocking other connections.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Largest request head (request line and headers) accepted, in bytes.
    public static let maximumHeadBytes = 64 * 1024
    /// Largest request body accepted, in bytes.
    public static let maximumBodyBytes = 16 * 1024 * 1024

    private let handler: Handler
    private let requestedPort: UInt16
    private let lock = NSLock()
    private var listeningSocket: Int32 = -1
    private var connectionSockets: Set<Int32> = []
    private var stopped = false

    /// The port the server listens on, known after `start()`.
    public private(set) var port: UInt16 = 0

    /// Creates a server; `port` 0 lets the system pick a free port.
    public init(port: UInt16 = 0, handler: @escaping Handler) {
        self.requestedPort = port
        self.handler = handler
    }

    /// Binds 127.0.0.1, starts accepting connections on a background thread and returns the port.
    ///
    /// - Throws: `StartError` when the socket cannot be created, bound or listened on.
    @discardableResult
    public func start() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else {
            throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))")
        }
        var reuse: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requestedPort.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(socketDescriptor)
            throw StartError(description: "cannot bind 127.0.0.1:\(requestedPort): \(reason)")
        }
        guard listen(socketDescriptor, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socketDescriptor)
            throw StartError(description: "cannot listen on 127.0.0.1:\(requestedPort): \(reason)")
        }

        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &boundAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        port = UInt16(bigEndian: boundAddress.sin_port)

        lock.withLock { listeningSocket = socketDescriptor }
        let acceptThread = Thread { [self] in acceptLoop(socketDescriptor) }
        acceptThread.name = "http-accept"
        acceptThread.start()
        return port
    }

    /// Stops accepting, closes every open connection (ending hung responses) and returns.
    public func stop() {
        let sockets: [Int32] = lock.withLock {
            stopped = true
            let all = [listeningSocket] + Array(connectionSockets)
            listeningSocket = -1
            connectionSockets.removeAll()
            return all
        }
        for descriptor in sockets where descriptor >= 0 {
            shutdown(descriptor, Int32(SHUT_RDWR))
            close(descriptor)
        }
    }

    private var isStopped: Bool {
        lock.withLock { stopped }
    }

    private func acceptLoop(_ listener: Int32) {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR {
                    continue
                }
                return
            }
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let accepted = lock.withLock { () -> Bool in
                if stopped { return false }
                connectionSockets.insert(connection)
                return true
            }
            guard accepted else {
                close(connection)
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "http-connection"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        let reader = SocketReader(socket: connection)
        defer {
            let owned = lock.withLock { connectionSockets.remove(connection) != nil }
            if owned {
                close(connection)
            }
        }

        while !isStopped {
            let request: HTTPRequest
            switch reader.readRequest(onContinue: { send(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }) {
            case .request(let received):
                request = received
            case .closed:
                return
            case .invalid(let status, let reason):
                let response = HTTPResponse.text(status, reason + "\n")
                _ = send(connection, serialize(response, keepAlive: false, headOnly: false))
                return
            }

            let response = handler(request)
            switch response.behaviour {
            case .hang:
                // Wait until the server stops or the client gives up and closes.
                reader.waitForClose(isStopped: { self.isStopped })
                return
            case .dropConnection:
                return
            case .respond:
                break
            }

            let connectionHeader = request.header("Connection")?.lowercased()
            let keepAlive = request.httpVersion == "HTTP/1.1" ? connectionHeader != "close" : connectionHeader == "keep-alive"
            guard send(connection, serialize(response, keepAlive: keepAlive, headOnly: request.method == "HEAD")) else {
                return
            }
            if !keepAlive {
                return
            }
        }
    }

    private func serialize(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool) -> Data {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reasonPhrase(response.status))\r\n"
        for header in response.headers where header.name.lowercased() != "content-length" && header.name.lowercased() != "connection" {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        head += "\r\n"
        var data = Data(head.utf8)
        if !headOnly {
            data.append(response.body)
        }
        return data
    }

    @discardableResult
    private func send(_ connection: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else {
                return true
            }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.send(connection, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Reads HTTP/1.1 requests from a socket, keeping bytes that arrive after one request for the next.
final class SocketReader {
    enum Outcome {
        case request(HTTPRequest)
        case closed
        case invalid(status: Int, reason: String)
    }

    private let socket: Int32
    private var buffer = Data()

    init(socket: Int32) {
        self.socket = socket
    }

    func readRequest(onContinue: () -> Void) -> Outcome {
        // Read until the blank line that ends the head.
        var headEnd: Range<Data.Index>?
        while true {
            headEnd = buffer.range(of: Data("\r\n\r\n".utf8))
            if headEnd != nil {
                break
            }
            if buffer.count > HTTPServer.maximumHeadBytes {
                return .invalid(status: 431, reason: "The request head is larger than \(HTTPServer.maximumHeadBytes) bytes.")
            }
            if !fill() {
                return buffer.isEmpty ? .closed : .invalid(status: 400, reason: "The connection closed in the middle of a request head.")
            }
        }
        guard let headEnd else {
            return .closed
        }

        let headText = String(decoding: buffer[buffer.startIndex..<headEnd.lowerBound], as: UTF8.self)
        buffer.removeSubrange(buffer.startIndex..<headEnd.upperBound)

        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else {
            return .invalid(status: 400, reason: "The request line is not 'METHOD TARGET VERSION'.")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                return .invalid(status: 400, reason: "A header line has no colon.")
            }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        var request = HTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), httpVersion: String(requestLine[2]), headers: headers)

        if request.header("Expect")?.lowercased() == "100-continue" {
            onContinue()
        }

        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            guard let body = readChunkedBody() else {
                return .invalid(status: 400, reason: "The chunked request body is malformed or too large.")
            }
            request.body = body
        } else if let lengthText = request.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else {
                return .invalid(status: 400, reason: "Content-Length '\(lengthText)' is not a number.")
            }
            guard length <= HTTPServer.maximumBodyBytes else {
                return .invalid(status: 413, reason: "The request body is larger than \(HTTPServer.maximumBodyBytes) bytes.")
            }
            while buffer.count < length {
                if !fill() {
                    return .invalid(status: 400, reason: "The connection closed before the whole body arrived.")
                }
            }
            request.body = buffer.prefix(length)
            buffer.removeFirst(length)
        }
        return .request(request)
    }

    /// Waits until the peer closes the connection or `isStopped` becomes true.
    func waitForClose(isStopped: () -> Bool) {
        while !isStopped() {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready > 0 {
                var scratch = [UInt8](repeating: 0, count: 4096)
                let count = recv(socket, &scratch, scratch.count, 0)
                if count <= 0 {
                    return
                }
            } else if ready < 0 && errno != EINTR {
                return
            }
        }
    }

    private func readChunkedBody() -> Data? {
        var body = Data()
        while true {
            guard let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16), size >= 0 else {
                return nil
            }
            if size == 0 {
                // Skip trailer fields up to the blank line.
                while let trailer = readLine(), !trailer.isEmpty {}
                return body
            }
            guard body.count + size <= HTTPServer.maximumBodyBytes else {
                return nil
            }
            while buffer.count < size + 2 {
                if !fill() { return nil }
            }
            body.append(buffer.prefix(size))
            buffer.removeFirst(size + 2)
        }
    }

    private func readLine() -> String? {
        while true {
            if let end = buffer.range(of: Data("\r\n".utf8)) {
                let line = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex..<end.upperBound)
                return line
            }
            if buffer.count > HTTPServer.maximumHeadBytes || !fill() {
                return nil
            }
        }
    }

    /// Reads more bytes into the buffer; returns false when the peer closed or an error occurred.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0 && errno == EINTR {
                continue
            }
            return false
        }
    }
}
