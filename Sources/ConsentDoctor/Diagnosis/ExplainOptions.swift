/// Choices that shape a diagnosis: the cloud for links and commands, and the app profile.
public struct ExplainOptions: Sendable {
    /// How to pick the app profile for each error.
    public enum ProfileChoice: Sendable, Equatable {
        /// Pick from the client appId in the error, or from RedisInsight's markers in the paste.
        case automatic
        /// Use this profile for every error.
        case fixed(AppProfile)
        /// Use no profile: only the values in the error.
        case none
    }

    public var cloud: Cloud
    public var profile: ProfileChoice

    public init(cloud: Cloud = .azureCloud, profile: ProfileChoice = .automatic) {
        self.cloud = cloud
        self.profile = profile
    }
}
