import Foundation

/// A Microsoft cloud, named as the Azure CLI names it, with the hosts the tool talks to.
public struct Cloud: Codable, Sendable, Equatable, Hashable {
    /// The Azure CLI name, such as `AzureCloud`.
    public var name: String
    /// The Entra ID sign-in host, such as `login.microsoftonline.com`.
    public var loginHost: String
    /// The Microsoft Graph host, such as `graph.microsoft.com`.
    public var graphHost: String
    /// The name Microsoft Graph PowerShell's `Connect-MgGraph -Environment` expects.
    public var graphPowerShellEnvironment: String

    public static let azureCloud = Cloud(
        name: "AzureCloud",
        loginHost: "login.microsoftonline.com",
        graphHost: "graph.microsoft.com",
        graphPowerShellEnvironment: "Global"
    )

    public static let azureUSGovernment = Cloud(
        name: "AzureUSGovernment",
        loginHost: "login.microsoftonline.us",
        graphHost: "graph.microsoft.us",
        graphPowerShellEnvironment: "USGov"
    )

    public static let azureChinaCloud = Cloud(
        name: "AzureChinaCloud",
        loginHost: "login.chinacloudapi.cn",
        graphHost: "microsoftgraph.chinacloudapi.cn",
        graphPowerShellEnvironment: "China"
    )

    public static let all: [Cloud] = [.azureCloud, .azureUSGovernment, .azureChinaCloud]

    /// Returns the cloud with this Azure CLI name, ignoring case.
    public static func named(_ name: String) -> Cloud? {
        all.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The sign-in root, such as `https://login.microsoftonline.com`.
    public var loginURL: String { "https://\(loginHost)" }

    /// The Graph root without a version, such as `https://graph.microsoft.com`.
    public var graphURL: String { "https://\(graphHost)" }

    /// The Graph resource identifier used to request tokens, such as `https://graph.microsoft.com`.
    public var graphResource: String { "https://\(graphHost)" }

    /// Returns the public page that explains an AADSTS code on this cloud's sign-in host.
    public func errorPageURL(for code: SignInErrorCode) -> String {
        "\(loginURL)/error?code=\(code.rawValue)"
    }

    /// Returns the admin consent URL for a client app in a tenant.
    public func adminConsentURL(tenant: String, clientAppId: String) -> String {
        "\(loginURL)/\(tenant)/adminconsent?client_id=\(clientAppId)"
    }
}
