import CCurl
import CCurlShim
import Foundation

/// One libcurl easy handle and the code that runs a single request on it.
///
/// A handle is used by one thread at a time: `CurlHandlePool` hands it out and takes it back.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let handle = curl_easy_init() else {
            return nil
        }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs the request and returns the response or the transport failure.
    func perform(
        _ request: HTTPClientRequest,
        url: CurlURL,
        configuration: CurlTransport.Configuration,
        cancellation: CancellationFlag
    ) -> Result<HTTPClientResponse, TransportError> {
        // Reset clears every option from the previous request but keeps the open connections.
        curl_easy_reset(handle)
        errorBuffer[0] = 0

        if let invalid = request.headers.first(where: { Self.containsLineBreak($0.name) || Self.containsLineBreak($0.value) }) {
            return .failure(TransportError(kind: .other, host: url.authority, detail: "the header '\(invalid.name)' contains a line break"))
        }

        let timeout = request.timeout ?? configuration.totalTimeout
        let proxy = Self.proxy(for: url, settings: configuration.proxies)
        setCommonOptions(request, configuration: configuration, timeout: timeout, proxy: proxy)

        var headerList = Self.headerList(request.headers)
        var resolveList = Self.stringList(configuration.resolve)
        defer {
            curl_slist_free_all(headerList)
            curl_slist_free_all(resolveList)
        }
        cd_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)
        if resolveList != nil {
            cd_curl_set_slist(handle, CURLOPT_RESOLVE, resolveList)
        }
        setMethodAndBody(request)

        let accumulator = CurlResponseAccumulator(limit: configuration.maximumResponseBytes, cancellation: cancellation)
        let context = Unmanaged.passUnretained(accumulator).toOpaque()
        cd_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, curlBodyCallback)
        cd_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        cd_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        cd_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        // libcurl calls the progress callback about once a second even while nothing arrives,
        // so a cancelled request stops then instead of at its timeout.
        cd_curl_set_progress_callback(handle, curlProgressCallback)
        cd_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
        cd_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)

        let code = withExtendedLifetime(accumulator) { curl_easy_perform(handle) }
        headerList = nil
        resolveList = nil

        guard code == CURLE_OK else {
            return .failure(failure(code: code, url: url, timeout: timeout, proxy: proxy, accumulator: accumulator, configuration: configuration))
        }

        var status = 0
        var newConnections = 0
        cd_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        cd_curl_get_long(handle, CURLINFO_NUM_CONNECTS, &newConnections)
        return .success(HTTPClientResponse(status: status, headers: accumulator.headers, body: accumulator.body, newConnections: newConnections))
    }

    private func setCommonOptions(_ request: HTTPClientRequest, configuration: CurlTransport.Configuration, timeout: TimeInterval, proxy: String?) {
        cd_curl_set_string(handle, CURLOPT_URL, request.url)
        cd_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        cd_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        // Redirects are not followed, so an Authorization header never goes to a second host.
        cd_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        // libcurl must not use signals: they are process-wide and this runs on shared threads.
        cd_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        cd_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        cd_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        cd_curl_set_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        // An empty string offers every encoding this libcurl can decode.
        cd_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        cd_curl_set_string(handle, CURLOPT_USERAGENT, configuration.userAgent)
        cd_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        cd_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        cd_curl_set_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maximumResponseBytes))
        if let caBundlePath = configuration.caBundlePath {
            cd_curl_set_string(handle, CURLOPT_CAINFO, caBundlePath)
        }
        if let caDirectoryPath = configuration.caDirectoryPath {
            cd_curl_set_string(handle, CURLOPT_CAPATH, caDirectoryPath)
        }

        // The proxy decision is made in `proxy(for:settings:)`, so libcurl gets it explicitly: an
        // empty proxy string connects directly, and an empty no-proxy list stops libcurl from
        // applying NO_PROXY from the process environment a second time.
        cd_curl_set_string(handle, CURLOPT_PROXY, proxy ?? "")
        cd_curl_set_string(handle, CURLOPT_NOPROXY, "")
    }

    private func setMethodAndBody(_ request: HTTPClientRequest) {
        switch request.method {
        case "GET":
            cd_curl_set_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD":
            cd_curl_set_long(handle, CURLOPT_NOBODY, 1)
        case "POST":
            cd_curl_set_long(handle, CURLOPT_POST, 1)
        default:
            cd_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }

        guard request.method == "POST" || request.body != nil else {
            return
        }
        let body = request.body ?? Data()
        cd_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        if body.isEmpty {
            cd_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            return
        }
        // COPYPOSTFIELDS copies the bytes, so the buffer only has to live for this call.
        body.withUnsafeBytes { buffer in
            _ = cd_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        }
    }

    private func failure(
        code: CURLcode,
        url: CurlURL,
        timeout: TimeInterval,
        proxy: String?,
        accumulator: CurlResponseAccumulator,
        configuration: CurlTransport.Configuration
    ) -> TransportError {
        var connectTime = 0.0
        var proxyStatus = 0
        cd_curl_get_double(handle, CURLINFO_CONNECT_TIME, &connectTime)
        cd_curl_get_long(handle, CURLINFO_HTTP_CONNECTCODE, &proxyStatus)

        let detail = errorBuffer[0] == 0 ? nil : String(cString: errorBuffer)
        let facts = CurlFailureFacts(
            code: Int(code.rawValue),
            detail: detail,
            host: url.authority,
            proxy: proxy,
            proxyStatus: proxyStatus,
            connected: connectTime > 0,
            connectTimeout: configuration.connectTimeout,
            totalTimeout: timeout,
            exceededLimit: accumulator.exceededLimit,
            limitBytes: configuration.maximumResponseBytes,
            cancelled: accumulator.cancelled
        )
        return TransportError(facts)
    }

    /// Returns the proxy libcurl should use for the URL, or nil to connect directly.
    static func proxy(for url: CurlURL, settings: ProxySettings) -> String? {
        if HostAddress.isLoopback(url.host) {
            return nil
        }
        return settings.proxy(forHost: url.host, scheme: url.scheme)
    }

    private static func headerList(_ headers: [HTTPHeader]) -> UnsafeMutablePointer<curl_slist>? {
        // An empty Expect header stops libcurl from waiting for "100 Continue" before large bodies.
        stringList(headers.map { "\($0.name): \($0.value)" } + ["Expect:"])
    }

    private static func stringList(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            list = curl_slist_append(list, line)
        }
        return list
    }

    private static func containsLineBreak(_ text: String) -> Bool {
        text.contains("\r") || text.contains("\n")
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}

/// The body and headers of one response as libcurl delivers them, with the size cap applied.
final class CurlResponseAccumulator {
    private(set) var body = Data()
    private(set) var headers: [HTTPHeader] = []
    private(set) var exceededLimit = false
    private(set) var cancelled = false
    private let limit: Int
    private let cancellation: CancellationFlag

    init(limit: Int, cancellation: CancellationFlag) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Appends body bytes; returns a count other than `count` to make libcurl abort.
    func appendBody(_ bytes: UnsafeRawPointer, count: Int) -> Int {
        if cancellation.isSet {
            cancelled = true
            return 0
        }
        if body.count + count > limit {
            exceededLimit = true
            return 0
        }
        body.append(bytes.assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    /// Returns whether the transfer should stop because the request was cancelled.
    func shouldAbort() -> Bool {
        if cancellation.isSet {
            cancelled = true
            return true
        }
        return false
    }

    /// Records one header line. A status line starts a new header block, so only the headers of
    /// the final response remain after interim responses and proxy tunnel replies.
    func appendHeaderLine(_ bytes: UnsafeRawPointer, count: Int) -> Int {
        if cancellation.isSet {
            cancelled = true
            return 0
        }
        let line = String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name, value))
        }
        return count
    }
}

private let curlBodyCallback: cd_curl_data_callback = { data, size, count, context in
    guard let data, let context else {
        return 0
    }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    return accumulator.appendBody(data, count: size * count)
}

private let curlHeaderCallback: cd_curl_data_callback = { data, size, count, context in
    guard let data, let context else {
        return 0
    }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    return accumulator.appendHeaderLine(data, count: size * count)
}

private let curlProgressCallback: cd_curl_progress_callback = { context, _, _, _, _ in
    guard let context else {
        return 0
    }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    return accumulator.shouldAbort() ? 1 : 0
}
