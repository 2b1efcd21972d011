import Foundation

/// A first-party or well-known application, used to name appIds found in pastes and in Graph.
public struct WellKnownApp: Codable, Sendable, Equatable {
    public var appId: String
    public var displayName: String
    public var resourceURI: String?
}

/// The applications the tool recognises by appId.
public enum WellKnownApps {
    public static let redisInsight = WellKnownApp(
        appId: "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0",
        displayName: "Redis Insight",
        resourceURI: nil
    )
    public static let azureRedisCache = WellKnownApp(
        appId: "acca5fbb-b7e4-4009-81f1-37e38fd66d78",
        displayName: "AzureRedisCacheAadApp",
        resourceURI: "https://redis.azure.com"
    )
    public static let azureResourceManager = WellKnownApp(
        appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
        displayName: "Windows Azure Service Management API",
        resourceURI: "https://management.azure.com"
    )
    public static let microsoftGraph = WellKnownApp(
        appId: "00000003-0000-0000-c000-000000000000",
        displayName: "Microsoft Graph",
        resourceURI: "https://graph.microsoft.com"
    )
    public static let azureCLI = WellKnownApp(
        appId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        displayName: "Microsoft Azure CLI",
        resourceURI: nil
    )
    public static let graphCommandLineTools = WellKnownApp(
        appId: "14d82eec-204b-4c2f-b7e8-296a70dab67e",
        displayName: "Microsoft Graph Command Line Tools",
        resourceURI: nil
    )

    public static let all: [WellKnownApp] = [
        redisInsight, azureRedisCache, azureResourceManager, microsoftGraph, azureCLI, graphCommandLineTools,
    ]

    /// Returns the app with this appId, ignoring case.
    public static func app(appId: String) -> WellKnownApp? {
        all.first { $0.appId.caseInsensitiveCompare(appId) == .orderedSame }
    }

    /// Returns the app whose resource URI matches, ignoring case and trailing slashes.
    public static func app(resourceURI: String) -> WellKnownApp? {
        let wanted = resourceURI.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return all.first { $0.resourceURI?.lowercased() == wanted }
    }
}
