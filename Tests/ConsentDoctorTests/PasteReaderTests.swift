import Foundation
import Testing
@testable import ConsentDoctor

/// Input forms, broken and truncated inputs, encodings and large inputs.
struct PasteReaderTests {
    private static let message650057 = "AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Resource value from request: https://redis.azure.com. Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78. List of valid resources from app registration: 00000003-0000-0000-c000-000000000000. Trace ID: 11111111-2222-4333-8444-555555555555 Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa Timestamp: 2026-11-18 09:14:02Z"

    private func read(_ text: String) -> PasteReading {
        PasteReader.read(bytes: Array(text.utf8))
    }

    @Test func emptyInputHasNoError() {
        let reading = PasteReader.read(bytes: [])
        #expect(reading.occurrences.isEmpty)
    }

    @Test func whitespaceInputHasNoError() {
        #expect(read(" \n\t\r\n ").occurrences.isEmpty)
    }

    @Test func halfJSONBodyStillYieldsTheError() {
        let json = #"{"error":"invalid_client","error_description":"AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Resource app ID: acca5fbb-b7e4-40"#
        let reading = read(json)
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.values.code == .invalidResource)
        #expect(reading.occurrences.first?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        #expect(reading.occurrences.first?.values.oauthError == "invalid_client")
        #expect(reading.notes.contains { $0.contains("not valid JSON") })
    }

    @Test func jsonEscapesAreDecodedInText() {
        let line = #"2026-11-18T09:14:02Z {"level":"error","message":"Token acquisition failed: AADSTS65001: The user or administrator has not consented to use the application with ID '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' named 'Redis Insight'.\r\nTrace ID: 11111111-2222-4333-8444-555555555555\r\nCorrelation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa"}"#
        let values = read(line).occurrences.first?.values
        #expect(values?.code == .delegationDoesNotExist)
        #expect(values?.clientName == "Redis Insight")
        #expect(values?.traceId == "11111111-2222-4333-8444-555555555555")
        #expect(values?.correlationId == "66666666-7777-4888-9999-aaaaaaaaaaaa")
        #expect(values?.message?.contains("\\r") == false)
    }

    @Test func badPercentEncodingIsKeptLiterally() {
        let url = "http://localhost:5540/api/azure/auth/callback?error=invalid_client&error_description=AADSTS650057%3a+Invalid+resource%zz+Client+app+ID%3a+61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis+Insight)%4"
        let occurrence = read(url).occurrences.first
        #expect(occurrence?.values.code == .invalidResource)
        #expect(occurrence?.form == .redirectURL)
        #expect(occurrence?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        #expect(occurrence?.values.message?.contains("%zz") == true)
    }

    @Test func redirectURLNeverKeepsTheAuthorizationCode() {
        let url = "http://localhost:5540/api/azure/auth/callback?code=0.AAAsecretAuthorizationCode&error=invalid_client&error_description=AADSTS650057%3a+Invalid+resource.&state=abc"
        let reading = read(url)
        let encoded = String(decoding: try! JSONEncoder().encode(reading.occurrences), as: UTF8.self)
        #expect(reading.occurrences.count == 1)
        #expect(!encoded.contains("secretAuthorizationCode"))
    }

    @Test func unclosedHTMLIsRead() {
        let html = "<html><body><div><p>AADSTS50105: Your administrator has configured the application Redis Insight ('61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0') to block users unless they are specifically granted ('assigned') access to the application.<div><span>Correlation Id: 66666666-7777-4888-9999-aaaaaaaaaaaa"
        let occurrence = read(html).occurrences.first
        #expect(occurrence?.values.code == .userNotAssignedToApplication)
        #expect(occurrence?.form == .signInPageHTML)
        #expect(occurrence?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        #expect(occurrence?.values.clientName == "Redis Insight")
        #expect(occurrence?.values.correlationId == "66666666-7777-4888-9999-aaaaaaaaaaaa")
    }

    @Test func configScriptAloneCarriesTheError() {
        let html = #"<html><head><script>$Config={"iErrorCode":7000112,"strServiceExceptionMessage":"AADSTS7000112: Application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'(Redis Insight) is disabled.","correlationId":"66666666-7777-4888-9999-aaaaaaaaaaaa","sessionId":"11111111-2222-4333-8444-555555555555"};</script></head><body><div id="root"></div></body></html>"#
        let occurrence = read(html).occurrences.first
        #expect(occurrence?.values.code == .clientApplicationDisabled)
        #expect(occurrence?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        #expect(occurrence?.values.correlationId == "66666666-7777-4888-9999-aaaaaaaaaaaa")
        #expect(occurrence?.values.requestId == "11111111-2222-4333-8444-555555555555")
    }

    @Test func configScriptWithOnlyACode() {
        let html = "<html><head><script>$Config={iErrorCode: 90094, correlationId: '66666666-7777-4888-9999-aaaaaaaaaaaa'};</script></head><body></body></html>"
        let occurrence = read(html).occurrences.first
        #expect(occurrence?.values.code == .adminConsentRequired)
        #expect(occurrence?.values.correlationId == "66666666-7777-4888-9999-aaaaaaaaaaaa")
    }

    @Test func olderRedirectWordings() {
        let replyURL = read("AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'.").occurrences.first
        #expect(replyURL?.values.code == .invalidReplyTo)
        #expect(replyURL?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        let replyAddress = read("AADSTS50011: The reply address 'http://127.0.0.1:5540/api/azure/auth/callback' does not match the reply addresses configured for the application: '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'.").occurrences.first
        #expect(replyAddress?.values.redirectURI == "http://127.0.0.1:5540/api/azure/auth/callback")
        #expect(replyAddress?.values.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
    }

    @Test func olderMessagesWithLineBreaks() {
        let text = "AADSTS700016: Application with identifier '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' was not found in the directory 'contoso.onmicrosoft.us'.\r\nTrace ID: 11111111-2222-4333-8444-555555555555\r\nCorrelation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa\r\nTimestamp: 2026-01-05 10:00:00Z"
        let values = read(text).occurrences.first?.values
        #expect(values?.clientAppId == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
        #expect(values?.tenant == "contoso.onmicrosoft.us")
        #expect(values?.traceId == "11111111-2222-4333-8444-555555555555")
        #expect(values?.timestamp == "2026-01-05 10:00:00Z")
        #expect(values?.message == "Application with identifier '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' was not found in the directory 'contoso.onmicrosoft.us'.")
    }

    @Test func utf16WithByteOrderMarkIsRead() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.message650057.utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let values = PasteReader.read(bytes: bytes).occurrences.first?.values
        #expect(values?.code == .invalidResource)
        #expect(values?.resourceAppId == "acca5fbb-b7e4-4009-81f1-37e38fd66d78")
    }

    @Test func invalidUTF8AroundAnErrorIsSafe() {
        var bytes: [UInt8] = [0xC3, 0x28, 0xFF, 0xFE, 0x80, 0x0A]
        bytes += Array(Self.message650057.utf8)
        bytes += [0xED, 0xA0, 0x80, 0x0A]
        let reading = PasteReader.read(bytes: bytes)
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.line == 2)
    }

    @Test func controlsLeaveButOverridesStay() {
        let text = "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(Azure\u{1B}[31mRedis\u{202E}) that your organization 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' lacks a service principal for."
        let name = read(text).occurrences.first?.values.resourceName
        #expect(name?.unicodeScalars.contains { $0.value == 0x1B } == false)
        // Renderers show the override as [U+202E]; keeping it lets validation reject the value.
        #expect(name?.unicodeScalars.contains { $0.value == 0x202E } == true)
    }

    @Test func repeatedMSALNodeTraceIdsAreOneError() {
        let text = "ServerError: invalid_client: 650057 - [2026-01-05 10:00:00Z]: \(Self.message650057) - Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa - Trace ID: 11111111-2222-4333-8444-555555555555"
        let reading = read(text + "\n" + text)
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.repeatCount == 1)
    }

    @Test func sameErrorWithNewTraceIdCountsAsRepeat() {
        let second = Self.message650057.replacingOccurrences(of: "11111111-2222-4333-8444-555555555555", with: "bbbbbbbb-2222-4333-8444-555555555555")
            .replacingOccurrences(of: "66666666-7777-4888-9999-aaaaaaaaaaaa", with: "cccccccc-7777-4888-9999-aaaaaaaaaaaa")
        let reading = read(Self.message650057 + "\n" + second)
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.repeatCount == 2)
        #expect(reading.occurrences.first?.values.traceId == "11111111-2222-4333-8444-555555555555")
    }

    @Test func differentResourcesAreTwoErrors() {
        let arm = Self.message650057.replacingOccurrences(of: "acca5fbb-b7e4-4009-81f1-37e38fd66d78", with: "797f4846-ba00-4fd7-ba43-dac1f8f63013")
            .replacingOccurrences(of: "https://redis.azure.com", with: "https://management.azure.com")
        let reading = read(Self.message650057 + "\n" + arm)
        #expect(reading.occurrences.count == 2)
        #expect(reading.occurrences.last?.values.resourceAppId == "797f4846-ba00-4fd7-ba43-dac1f8f63013")
    }

    @Test func claimsChallengeGivesPolicyIds() {
        let json = #"{"error":"interaction_required","error_description":"AADSTS53003: Access has been blocked by Conditional Access policies.","error_codes":[53003],"suberror":"message_only","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"1b7c3e90-5d2a-4f86-a0e4-7c9b2d1f6e35\"]}}}"}"#
        let values = read(json).occurrences.first?.values
        #expect(values?.code == .blockedByConditionalAccess)
        #expect(values?.suberror == "message_only")
        #expect(values?.conditionalAccessPolicyIds == ["1b7c3e90-5d2a-4f86-a0e4-7c9b2d1f6e35"])
    }

    @Test func errorCodesWithoutAADSTSInDescription() {
        let values = read(#"{"error":"invalid_grant","error_description":"Something failed.","error_codes":[50076]}"#).occurrences.first?.values
        #expect(values?.code == .strongAuthenticationRequired)
        #expect(values?.message == "Something failed.")
    }

    @Test func binaryGarbageHasNoError() {
        var generator = SeededGenerator(seed: 0x5EED)
        let bytes = (0..<(2 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(PasteReader.read(bytes: bytes).occurrences.isEmpty)
    }

    @Test func fiftyMegabytesOfRandomBytesStreamToNoError() throws {
        var generator = SeededGenerator(seed: 42)
        var source = GeneratedChunkSource(totalBytes: 50 << 20, chunkSize: 1 << 20) { count in
            var chunk = [UInt8](repeating: 0, count: count)
            chunk.withUnsafeMutableBytes { buffer in
                for offset in stride(from: 0, to: count - 7, by: 8) {
                    buffer.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
                }
            }
            return chunk
        }
        let reading = try PasteReader.read(&source)
        #expect(reading.occurrences.isEmpty)
        #expect(reading.scannedAsStream)
    }
}

/// A deterministic random number generator (SplitMix64), so generated inputs repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Chunks made on demand, so a test can stream a large input without holding it.
struct GeneratedChunkSource: ChunkSource {
    var remaining: Int
    let chunkSize: Int
    var make: (Int) -> [UInt8]

    init(totalBytes: Int, chunkSize: Int, make: @escaping (Int) -> [UInt8]) {
        remaining = totalBytes
        self.chunkSize = chunkSize
        self.make = make
    }

    mutating func nextChunk() throws -> [UInt8]? {
        guard remaining > 0 else {
            return nil
        }
        let count = min(chunkSize, remaining)
        remaining -= count
        return make(count)
    }
}

struct RepeatCountTests {
    @Test func untracedLinesCountAsRepeats() {
        let line = #"[error] {"message":"Failed to get authenticated client","errorCode":12400}"#
        let reading = PasteReader.read(bytes: Array((line + "\n" + line + "\n" + line + "\n").utf8))
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.repeatCount == 3)
    }

    @Test func toastThenLogIsOneFailure() {
        let text = "Azure authentication failed. Please contact your administrator. (AADSTS650057)\n[error] Azure OAuth error: invalid_client AADSTS650057: Invalid resource. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Trace ID: 11111111-2222-4333-8444-555555555555"
        let reading = PasteReader.read(bytes: Array(text.utf8))
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.repeatCount == 1)
        #expect(reading.occurrences.first?.values.traceId == "11111111-2222-4333-8444-555555555555")
    }
}
