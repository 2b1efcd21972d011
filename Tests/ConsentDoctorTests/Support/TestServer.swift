import Foundation
import GraphEmulator
import TestSupport

/// An `HTTPServer` on 127.0.0.1 that records every request it receives.
final class TestServer: @unchecked Sendable {
    let server: HTTPServer
    let port: UInt16
    private let received: Locked<[HTTPRequest]>

    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        let received = Locked<[HTTPRequest]>([])
        self.received = received
        server = HTTPServer { request in
            received.withValue { $0.append(request) }
            return handler(request)
        }
        port = try server.start()
    }

    deinit {
        server.stop()
    }

    /// The root URL, such as `http://127.0.0.1:41234`.
    var rootURL: String {
        "http://127.0.0.1:\(port)"
    }

    var requests: [HTTPRequest] {
        received.current
    }

    func stop() {
        server.stop()
    }
}

/// A TCP relay on 127.0.0.1 that forwards to another local port and counts accepted connections,
/// so tests can see whether a client reused its connection.
final class ConnectionCountingRelay: @unchecked Sendable {
    private let listener: Int32
    private let targetPort: UInt16
    private let accepted = Locked(0)
    private let stopped = Locked(false)
    let port: UInt16

    init(targetPort: UInt16) throws {
        self.targetPort = targetPort
        (listener, port) = try LoopbackListener.open()
        Thread { [self] in acceptLoop() }.start()
    }

    deinit {
        stop()
    }

    var acceptedConnections: Int {
        accepted.current
    }

    func stop() {
        let wasStopped = stopped.withValue { value -> Bool in
            defer { value = true }
            return value
        }
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while !stopped.current {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                return
            }
            accepted.withValue { $0 += 1 }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            Thread { Self.pump(from: client, to: upstream) }.start()
            Thread { Self.pump(from: upstream, to: client) }.start()
        }
    }

    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(source, &buffer, buffer.count, 0)
            if count <= 0 {
                break
            }
            var offset = 0
            while offset < count {
                let written = buffer[offset..<count].withUnsafeBytes { send(destination, $0.baseAddress, count - offset, Int32(MSG_NOSIGNAL)) }
                if written <= 0 {
                    break
                }
                offset += written
            }
        }
        shutdown(destination, Int32(SHUT_WR))
        shutdown(source, Int32(SHUT_RD))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Returns a loopback port that nothing listens on: bound, then closed again.
func closedLoopbackPort() -> UInt16 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
}

/// A listener on 127.0.0.1 that writes fixed bytes to each connection as soon as it is accepted,
/// then closes it. An `HTTPServer` cannot stand in here: it waits for a request head, so a TLS
/// client waiting for the server's hello would only time out.
final class FixedBytesServer: @unchecked Sendable {
    private let listener: Int32
    let port: UInt16

    init(bytes: String) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw CocoaError(.fileWriteUnknown)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)

        let payload = Array(bytes.utf8)
        Thread {
            while true {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else {
                    return
                }
                _ = payload.withUnsafeBytes { send(connection, $0.baseAddress, payload.count, Int32(MSG_NOSIGNAL)) }
                shutdown(connection, Int32(SHUT_RDWR))
                close(connection)
            }
        }.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
