/// The rule that keeps credentials off plain http: a request with an `Authorization` header or
/// another marked secret goes out over `https`, or over `http` only to a loopback address.
///
/// `CurlTransport.send` applies it before it opens any connection, so it covers every request
/// the library sends.
public enum CredentialTransportPolicy {
    /// Returns the error to throw when the request must not be sent, or nil when it may go.
    public static func violation(for request: HTTPClientRequest) -> TransportError? {
        guard let url = CurlURL(request.url) else {
            return TransportError(kind: .invalidURL, host: request.url)
        }
        guard request.carriesCredentials, url.scheme != "https" else {
            return nil
        }
        if url.scheme == "http" {
            if HostAddress.isLoopback(url.host) {
                return nil
            }
            if request.plainHTTPAllowance == .loopbackOrLinkLocal && HostAddress.isLinkLocal(url.host) {
                return nil
            }
        }
        return TransportError(kind: .insecureCredentialTransport, host: url.authority)
    }
}
