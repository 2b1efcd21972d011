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
    ///   - graphURL: The `--graph-url` value: a Graph root such as `http://127.0.0.1:8445`.
    ///   - authorityHost: The `--authority-host` value. When nil, `AZURE_AUTHORITY_HOST` applies.
    ///   - environment: The variables to read `AZURE_AUTHORITY_HOST` from.
    /// - Throws: `EndpointError` when an override is not an absolute http or https URL.
    public init(
        cloud: Cloud = .azureCloud,
        graphURL: String? = nil,
        authorityHost: String? = nil,
        environment: [String: String] = [:]
    ) throws {
        self.cloud = cloud
        self.graphVersion = "v1.0"
        self.graphResource = cloud.graphResource
        self.graphRoot = try Self.root(graphURL, setting: "--graph-url") ?? cloud.graphURL

        let authorityOverride = authorityHost ?? environment["AZURE_AUTHORITY_HOST"].flatMap { $0.isEmpty ? nil : $0 }
        let setting = authorityHost == nil ? "AZURE_AUTHORITY_HOST" : "--authority-host"
        self.authorityHost = try Self.root(authorityOverride, setting: setting) ?? cloud.loginURL
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

    /// Normalises an override to `scheme://host[:port][/path]` without a trailing slash. A value
    /// without a scheme gets `https://`.
    private static func root(_ value: String?, setting: String) throws -> String? {
        guard var text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        if !text.contains("://") {
            text = "https://" + text
        }
        while text.hasSuffix("/") {
            text.removeLast()
        }
        guard let parsed = CurlURL(text), parsed.scheme == "http" || parsed.scheme == "https",
              !text.contains("?"), !text.contains("#")
        else {
            throw EndpointError(setting: setting, value: value ?? "")
        }
        return text
    }
}

/// An endpoint override that is not a usable URL.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option or variable the value came from, such as `--graph-url`.
    public var setting: String
    public var value: String

    public var description: String {
        "\(setting) '\(value)' is not an absolute http or https URL without a query. Give a root such as https://graph.microsoft.com or http://127.0.0.1:8445."
    }
}
