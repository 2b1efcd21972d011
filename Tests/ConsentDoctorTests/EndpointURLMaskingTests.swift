import Testing
@testable import ConsentDoctor

/// Checks that endpoint errors show no query, fragment or user information of the value.
struct EndpointURLMaskingTests {
    @Test(arguments: [
        ("http://127.0.0.1:8445/v1.0?access_token=SECRETQ", "http://127.0.0.1:8445/v1.0?[redacted]"),
        ("https://graph.example.test#token=SECRETF", "https://graph.example.test#[redacted]"),
        ("https://graph.example.test/?a=SECRETQ#SECRETF", "https://graph.example.test/?[redacted]#[redacted]"),
        ("https://user:SECRETP@graph.example.test?x=SECRETQ", "https://[redacted]@graph.example.test?[redacted]"),
        ("https://graph.example.test?", "https://graph.example.test?"),
        ("https://graph.example.test/v1.0", "https://graph.example.test/v1.0"),
    ])
    func maskedHidesParts(value: String, expected: String) {
        #expect(EndpointURL.masked(value) == expected)
    }

    @Test func queryRejectedWithoutValue() throws {
        let error = try #require(throws: EndpointError.self) {
            try EndpointURL.validated("http://127.0.0.1:8445/v1.0?access_token=SECRETQ", setting: "--graph-url")
        }

        #expect(error.problem == .invalid)
        #expect(!error.description.contains("SECRETQ"))
        #expect(error.description.contains("'http://127.0.0.1:8445/v1.0?[redacted]'"))
    }

    @Test func fragmentRejectedWithoutValue() throws {
        let error = try #require(throws: EndpointError.self) {
            try EndpointURL.validated("https://graph.example.test#SECRETF", setting: "--graph-url")
        }

        #expect(!error.description.contains("SECRETF"))
    }

    @Test func remoteHTTPHidesQuery() throws {
        let error = try #require(throws: EndpointError.self) {
            try EndpointURL.validated("http://192.0.2.1/msi/token?secret=SECRETQ", setting: "IDENTITY_ENDPOINT", allowsQuery: true)
        }

        #expect(error.problem == .plainHTTPToRemoteHost(host: "192.0.2.1"))
        #expect(!error.description.contains("SECRETQ"))
    }
}
