import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

/// Token endpoints that fail on their own side or are not there, distinguished from endpoints
/// that reject the credentials.
struct TokenEndpointFailureTests {
    private let tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    @Test(arguments: [301, 302, 307, 308, 404, 405, 410, 429, 500, 502, 503, 504])
    func endpointFailureStatus(status: Int) {
        #expect(IdentityError.isEndpointFailure(status: status))
    }

    @Test(arguments: [400, 401, 403, 409, 422])
    func rejectionStatus(status: Int) {
        #expect(!IdentityError.isEndpointFailure(status: status))
    }

    private func clientCredentialError(_ response: HTTPResponse) async throws -> IdentityError? {
        let server = try TestServer { _ in response }
        let endpoints = try GraphEndpoints(authorityHost: server.rootURL)
        let source = ClientCredentialSource(tenant: tenantId, clientId: "app", clientSecret: "client-secret-value", endpoints: endpoints, sender: TestClients.sender())
        return await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
    }

    private func managedIdentityError(_ response: HTTPResponse) async throws -> IdentityError? {
        let server = try TestServer { _ in response }
        let source = ManagedIdentitySource(endpoint: server.rootURL + "/msi/token", identityHeader: "identity-header-secret", clientId: nil, endpoints: try GraphEndpoints(), sender: TestClients.sender())
        return await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
    }

    @Test func clientCredentialsServerError() async throws {
        let error = try await clientCredentialError(.json(500, ["error": "server_error", "error_description": "AADSTS90033: A transient error has occurred."]))
        guard case .tokenEndpointFailed(.environment, _, 500, "server_error", _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        let text = error?.description ?? ""
        #expect(text.contains("failed on its side with status 500 (server_error): AADSTS90033"))
        #expect(text.contains("Run the command again later"))
        #expect(text.contains("--authority-host and AZURE_AUTHORITY_HOST"))
        #expect(!text.contains("client secret"))
        #expect(!text.contains("client-secret-value"))
    }

    @Test func clientCredentialsRejection() async throws {
        let error = try await clientCredentialError(.json(401, ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."]))
        guard case .tokenRequestRejected(.environment, _, 401, "invalid_client", _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("AZURE_CLIENT_SECRET") == true)
    }

    @Test func clientCredentialsRedirect() async throws {
        let error = try await clientCredentialError(HTTPResponse(status: 307, headers: [("Location", "https://login.example.test/t/oauth2/v2.0/token")]))
        guard case .tokenEndpointFailed(.environment, _, 307, nil, nil) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("answered with a redirect (status 307) instead of a token") == true)
    }

    @Test func managedIdentityNotFound() async throws {
        let error = try await managedIdentityError(.text(404, "Not Found"))
        guard case .tokenEndpointFailed(.managedIdentity, _, 404, nil, nil) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        let text = error?.description ?? ""
        #expect(text.contains("failed with status 404, so no token endpoint answers at that URL. Check IDENTITY_ENDPOINT."))
        #expect(!text.contains("identity-header-secret"))
    }

    @Test func managedIdentityServerError() async throws {
        let error = try await managedIdentityError(.json(500, ["statusCode": 500, "message": "The identity service failed."]))
        guard case .tokenEndpointFailed(.managedIdentity, _, 500, nil, "The identity service failed.") = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("check IDENTITY_ENDPOINT") == true)
    }

    @Test func managedIdentityBadRequest() async throws {
        let error = try await managedIdentityError(.json(400, ["statusCode": 400, "message": "No managed identity is assigned to this resource."]))
        guard case .tokenRequestRejected(.managedIdentity, _, 400, nil, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }
}
