/// How much a log message matters. The CLI shows `debug` and `info` only with `--verbose`.
public enum LogLevel: Int, Sendable, Comparable, CustomStringConvertible {
    case debug
    case info
    case warning

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        }
    }
}

/// Receives the library's log messages; the library itself never prints.
///
/// Messages name methods, paths, statuses, request ids and waits. They never contain a token,
/// a secret or a response body.
public protocol LogSink: Sendable {
    func log(_ level: LogLevel, _ message: String)
}

/// A sink that drops every message.
public struct DiscardingLogSink: LogSink {
    public init() {}

    public func log(_ level: LogLevel, _ message: String) {}
}
