@testable import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

/// A Graph root that responds with a redirect: the client does not follow it, and the error names
/// the redirect, its target without secrets, and --graph-url.
struct GraphRedirectTests {
    @Test func getReportsRedirect() async throws {
        let server = try TestServer { _ in
            HTTPResponse(status: 307, headers: [("Location", "https://user:password-1@graph.example.test/v1.0/organization?sig=query-secret#part")])
        }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }
        let text = error?.description ?? ""
        #expect(error?.isRedirect == true)
        #expect(error?.location == "https://graph.example.test/v1.0/organization")
        #expect(text.hasPrefix("Graph answered GET /organization with a redirect (status 307) to https://graph.example.test/v1.0/organization."))
        #expect(text.contains("--graph-url"))
        #expect(!text.contains("Run the check again"))
        #expect(!text.contains("query-secret"))
        #expect(!text.contains("password-1"))
        #expect(server.requests.count == 1)
    }

    @Test func redirectWithoutLocation() {
        let error = GraphError(kind: .httpError, method: "GET", path: "/organization", status: 302)
        #expect(error.summary == "Graph answered GET /organization with a redirect (status 302) without a Location.")
    }

    @Test(arguments: [
        ("https://graph.example.test/v1.0/x?a=b", "https://graph.example.test/v1.0/x"),
        ("https://u:p@host.test:8443/root#frag", "https://host.test:8443/root"),
        ("/v1.0/organization?token=abc", "/v1.0/organization"),
        (" https://host.test/ ", "https://host.test/"),
    ])
    func locationIsShownWithoutSecrets(location: String, shown: String) {
        #expect(GraphError.shownLocation(location) == shown)
    }

    @Test func longLocationIsCut() throws {
        let shown = try #require(GraphError.shownLocation("https://host.test/" + String(repeating: "a", count: 500)))
        #expect(shown.count == GraphError.maximumShownLocation + 1)
        #expect(shown.hasSuffix("…"))
    }

    @Test func invalidLocationIsLeftOut() {
        #expect(GraphError.shownLocation("http://[::1") == nil)
        #expect(GraphError.shownLocation(nil) == nil)
    }

    @Test func lookupReasonNamesGraphURL() {
        let failure = GraphError(kind: .httpError, method: "POST", path: "/$batch", status: 308, location: "https://other.test/v1.0/$batch").lookupFailure
        let reason = FailureReason.text(for: failure, subject: .applications)
        #expect(reason.contains("with a redirect (status 308) to https://other.test/v1.0/$batch"))
        #expect(reason.contains("Check that --graph-url, if given, names the Graph root itself"))
        #expect(!reason.contains("Run the check again"))
    }
}
