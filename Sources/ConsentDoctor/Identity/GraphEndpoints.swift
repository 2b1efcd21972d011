import Foundation

/// The hosts the tool talks to: the Graph root, the sign-in authority and the token audience.
///
/// The CLI builds one from `--cloud`, `--graph-url`, `--authority-host` and
/// `AZURE_AUTHORITY_HOST`. Every URL the library requests starts from one of these values, so a
/// test or a demo points the whole tool at an emulator by overriding them.
public struct GraphEndpoints: Sendable, Equatable {
    public var cloud: Cloud
    /// The Graph root without a version and without a trailing slash, such as
    /// `https://graph.microsoft.com` or `http://127.0.0.1:8445`.
    public var graphRoot: String
    /// The Graph API version, `v1.0`.
    public var graphVersion: String
    /// The sign-in authority without a trailing slash, such as `https://login.microsoftonline.com`.
    public var authorityHost: String
    /// The audience of Graph tokens, such as `https://graph.microsoft.com`. It stays the cloud's
    /// Graph resource when `graphRoot` is overridden, because tokens name the real service.
    public var graphResource: String

    /// Builds the endpoints of a cloud with optional overrides.
    ///
    /// - Parameters:
    ///   - graphURL: The `--graph-url` value: a Graph root such as `http://127.0.0.1:8445`, with
    ///     or without a trailing `/v1.0`.
    ///   - authorityHost: The `--authority-host` value. When nil, `AZURE_AUTHORITY_HOST` applies.
    ///   - environment: The variables to read `AZURE_AUTHORITY_HOST` from.
    /// - Throws: `EndpointError` when an override is empty, has no scheme, is not an absolute
    ///   http or https URL without a query, or uses plain http to a host that is not a loopback
    ///   address. `AZURE_AUTHORITY_HOST` may be a bare host name, which gets `https://`, as the
    ///   Azure SDKs accept it, and is ignored when empty.
    public init(
        cloud: Cloud = .azureCloud,
        graphURL: String? = nil,
        authorityHost: String? = nil,
        environment: [String: String] = [:]
    ) throws {
        self.cloud = cloud
        self.graphVersion = "v1.0"
        self.graphResource = cloud.graphResource

        if let graphURL {
            let root = try EndpointURL.validated(graphURL, setting: "--graph-url")
            self.graphRoot = Self.removingVersion(root, version: graphVersion)
        } else {
            self.graphRoot = cloud.graphURL
        }

        if let authorityHost {
            self.authorityHost = try EndpointURL.validated(authorityHost, setting: "--authority-host")
        } else if let variable = environment["AZURE_AUTHORITY_HOST"]?.trimmingCharacters(in: .whitespaces), !variable.isEmpty {
            let withScheme = variable.contains("://") ? variable : "https://" + variable
            self.authorityHost = try EndpointURL.validated(withScheme, setting: "AZURE_AUTHORITY_HOST", shownValue: variable)
        } else {
            self.authorityHost = cloud.loginURL
        }
    }

    /// The Graph root with its version, such as `https://graph.microsoft.com/v1.0`.
    public var versionRoot: String {
        "\(graphRoot)/\(graphVersion)"
    }

    /// Returns the absolute URL of a Graph path such as `/organization`.
    public func graphURL(path: String) -> String {
        path.hasPrefix("/") ? versionRoot + path : "\(versionRoot)/\(path)"
    }

    /// The `.default` scope, which requests a Graph token with every permission granted to the app or user.
    public var graphDefaultScope: String {
        "\(graphResource)/.default"
    }

    /// Returns the v2.0 token endpoint of a tenant.
    public func tokenURL(tenant: String) -> String {
        "\(authorityHost)/\(tenant)/oauth2/v2.0/token"
    }

    /// Returns the v2.0 device authorization endpoint of a tenant.
    public func deviceCodeURL(tenant: String) -> String {
        "\(authorityHost)/\(tenant)/oauth2/v2.0/devicecode"
    }

    /// Returns the root without a trailing version segment, so `http://127.0.0.1:8445/v1.0` and
    /// `http://127.0.0.1:8445` name the same root.
    private static func removingVersion(_ root: String, version: String) -> String {
        let suffix = "/" + version
        guard root.lowercased().hasSuffix(suffix.lowercased()) else {
            return root
        }
        return String(root.dropLast(suffix.count))
    }
}
