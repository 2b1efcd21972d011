import CCurl
import Foundation

/// The facts about a failed libcurl transfer, gathered so the mapping to `TransportError`
/// is a pure function that tests can call with any result code.
struct CurlFailureFacts: Sendable {
    var code: Int
    var detail: String?
    var host: String
    var proxy: String?
    /// The status the proxy returned to CONNECT, or 0 when there was none.
    var proxyStatus: Int
    /// Whether the TCP connection had been established when the transfer failed.
    var connected: Bool
    var connectTimeout: TimeInterval
    var totalTimeout: TimeInterval
    var exceededLimit: Bool
    var limitBytes: Int
    var cancelled: Bool
}

extension TransportError {
    init(_ facts: CurlFailureFacts) {
        self.init(kind: Self.kind(facts), host: facts.host, detail: facts.detail, curlCode: facts.code)
        switch kind {
        case .timedOut:
            timeout = facts.connected ? facts.totalTimeout : min(facts.connectTimeout, facts.totalTimeout)
        case .responseTooLarge:
            limitBytes = facts.limitBytes
        case .proxy:
            proxy = facts.proxy.map(Self.withoutUserInfo)
        default:
            break
        }
    }

    private static func kind(_ facts: CurlFailureFacts) -> Kind {
        let code = facts.code
        if facts.cancelled || code == Int(CURLE_ABORTED_BY_CALLBACK.rawValue) {
            return .cancelled
        }
        if facts.exceededLimit || code == Int(CURLE_FILESIZE_EXCEEDED.rawValue) {
            return .responseTooLarge
        }
        if code == curleTooLarge || code == Int(CURLE_OUT_OF_MEMORY.rawValue) {
            return .headerTooLarge
        }
        if facts.proxy != nil {
            let tunnelRefused = facts.proxyStatus != 0 && facts.proxyStatus != 200
            let proxyUnreachable = code == Int(CURLE_COULDNT_CONNECT.rawValue) && !facts.connected
            if code == Int(CURLE_COULDNT_RESOLVE_PROXY.rawValue) || tunnelRefused || proxyUnreachable {
                return .proxy
            }
        }
        switch code {
        case Int(CURLE_OPERATION_TIMEDOUT.rawValue):
            return .timedOut
        case Int(CURLE_COULDNT_CONNECT.rawValue):
            return .connectionRefused
        case Int(CURLE_COULDNT_RESOLVE_HOST.rawValue):
            return .hostNotFound
        case Int(CURLE_COULDNT_RESOLVE_PROXY.rawValue):
            return .proxy
        case Int(CURLE_SSL_CONNECT_ERROR.rawValue),
             Int(CURLE_PEER_FAILED_VERIFICATION.rawValue),
             Int(CURLE_SSL_CERTPROBLEM.rawValue),
             Int(CURLE_SSL_CIPHER.rawValue),
             Int(CURLE_SSL_CACERT_BADFILE.rawValue),
             Int(CURLE_SSL_ISSUER_ERROR.rawValue),
             Int(CURLE_SSL_PINNEDPUBKEYNOTMATCH.rawValue),
             Int(CURLE_SSL_INVALIDCERTSTATUS.rawValue),
             Int(CURLE_SSL_CRL_BADFILE.rawValue):
            return .tls
        case Int(CURLE_RECV_ERROR.rawValue),
             Int(CURLE_SEND_ERROR.rawValue),
             Int(CURLE_GOT_NOTHING.rawValue),
             Int(CURLE_PARTIAL_FILE.rawValue),
             Int(CURLE_HTTP2.rawValue),
             Int(CURLE_HTTP2_STREAM.rawValue):
            return .connectionLost
        case Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue), Int(CURLE_URL_MALFORMAT.rawValue):
            return .invalidURL
        default:
            return .other
        }
    }

    /// `CURLE_TOO_LARGE`, which libcurl 8.6 and later return for a response header over its
    /// limit. libcurl 7.88 returns `CURLE_OUT_OF_MEMORY` for the same response, measured with a
    /// 2 MB header from a loopback server; a real allocation failure looks the same to the caller.
    static let curleTooLarge = 100

    /// Returns the proxy URL without a user name or password, for messages.
    static func withoutUserInfo(_ proxy: String) -> String {
        guard let schemeEnd = proxy.range(of: "://") else {
            return proxy.split(separator: "@").last.map(String.init) ?? proxy
        }
        let rest = proxy[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else {
            return proxy
        }
        return String(proxy[..<schemeEnd.upperBound]) + rest[rest.index(after: at)...]
    }
}
