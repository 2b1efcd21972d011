import Foundation

extension GraphError {
    /// Whether Graph responded with a redirect (a 3xx status), which the client never follows so
    /// that the token cannot reach a second address.
    public var isRedirect: Bool {
        status.map { (300..<400).contains($0) } ?? false
    }

    /// The advice for a redirect, shared by check reports and `fix` errors.
    static let redirectAdvice = "consent-doctor does not follow redirects, so the token never goes to a second address. Check that --graph-url, if given, names the Graph root itself, such as https://graph.microsoft.com, and not an address that forwards to it."

    /// The maximum length of a `Location` value shown in a message, in characters.
    static let maximumShownLocation = 200

    /// Returns a redirect's `Location` as a message may show it: without user name, password,
    /// query and fragment, which can carry secrets, and cut to `maximumShownLocation` characters.
    /// Returns nil for a value that is not a URL reference.
    static func shownLocation(_ value: String?) -> String? {
        guard let value, var components = URLComponents(string: value.trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        guard let shown = components.string, !shown.isEmpty else {
            return nil
        }
        return shown.count > maximumShownLocation ? String(shown.prefix(maximumShownLocation)) + "…" : shown
    }
}
