import Foundation
import TestSupport
@testable import ConsentDoctor

/// Reads and diagnoses a sample paste, as `consent-doctor explain` does.
enum ExplainFixtures {
    static func report(_ name: String, options: ExplainOptions = ExplainOptions()) throws -> Report {
        let bytes = try [UInt8](Data(contentsOf: PackagePaths.fixture("pastes/\(name)")))
        return ExplainReport.make(reading: PasteReader.read(bytes: bytes), options: options, generatedAt: "2026-12-04T00:00:00Z")
    }

    static func report(text: String, options: ExplainOptions = ExplainOptions()) -> Report {
        ExplainReport.make(reading: PasteReader.read(bytes: Array(text.utf8)), options: options, generatedAt: "2026-12-04T00:00:00Z")
    }

    static let redisInsight = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    static let redisAPI = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let resourceManager = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    static let graph = "00000003-0000-0000-c000-000000000000"
    static let redisGrant = "az ad app permission grant --id \(redisInsight) --api \(redisAPI) --scope user_impersonation"
    static let resourceManagerGrant = "az ad app permission grant --id \(redisInsight) --api \(resourceManager) --scope user_impersonation"
}
