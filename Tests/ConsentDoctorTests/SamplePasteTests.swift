import Foundation
import TestSupport
import Testing
@testable import ConsentDoctor

/// One test per bundled sample paste: the code, every value extracted, and the key commands.
struct SamplePasteTests {
    typealias Sample = ExplainFixtures

    @Test func desktopLog650057() throws {
        let report = try Sample.report("01-ri-desktop-log-650057.txt")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(values.code == .invalidResource)
        #expect(diagnosis.form == .redisInsightLog)
        #expect(diagnosis.line == 1)
        #expect(values.oauthError == "invalid_client")
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.clientName == "Redis Insight")
        #expect(values.resourceURI == "https://redis.azure.com")
        #expect(values.resourceAppId == Sample.redisAPI)
        #expect(values.validResources == [Sample.graph])
        #expect(values.traceId == "5b0e3c1a-9f7d-4e21-8a66-0c4d2b7e9100")
        #expect(values.correlationId == "8d2f4a61-3b5c-47e9-a0d8-61c9f3e2b7a4")
        #expect(values.timestamp == "2026-11-18 09:14:02Z")
        #expect(values.message?.hasPrefix("Invalid resource.") == true)
        #expect(values.message?.contains("Trace ID") == false)
        #expect(diagnosis.profileId == "redisinsight")
        #expect(diagnosis.fixedBy == .tenantAdmin)
        #expect(diagnosis.commands == ["az login --tenant '<tenant-id>'", Sample.redisGrant])
        #expect(diagnosis.plan?.stateAware == false)
        #expect(diagnosis.adminConsentURL == "https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=\(Sample.redisInsight)")
        #expect(diagnosis.errorPageURL == "https://login.microsoftonline.com/error?code=650057")
        #expect(diagnosis.plan?.warnings.contains(GrantPlanner.replaceWarning) == true)
        #expect(report.notes.isEmpty)
    }

    @Test func dockerToast650052() throws {
        let report = try Sample.report("02-ri-docker-toast-650052.txt")
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(values.code == .servicePrincipalMissingForResource)
        #expect(values.resourceAppId == Sample.redisAPI)
        #expect(values.resourceName == "AzureRedisCacheAadApp")
        #expect(values.tenant == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35")
        #expect(values.traceId == "1e9a7c34-6d2b-4f80-b5e1-93a0c8d7f612")
        #expect(values.correlationId == "0b6d8e2f-a4c1-4d37-9e58-f12a7b3c9d04")
        #expect(values.timestamp == "2026-10-02 16:41:55Z")
        #expect(values.clientAppId == nil)
        #expect(diagnosis.commands == [
            "az login --tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35",
            "az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78",
            Sample.redisGrant,
        ])
        #expect(diagnosis.remediation.first?.contains("c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35") == true)
        #expect(diagnosis.notes.contains { $0.contains("assume the client is RedisInsight") })
        #expect(report.tenant == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35")
    }

    @Test func tokenEndpoint65006() throws {
        let report = try Sample.report("03-token-endpoint-65006.json")
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(diagnosis.form == .tokenEndpointJSON)
        #expect(values.code == .noMatchingEntitlements)
        #expect(values.oauthError == "invalid_request")
        #expect(values.resourceAppId == Sample.redisAPI)
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.requestedPermissionIds == ["6c1b8f20-4d7e-4a93-b2c5-0e8f7d6a1b39"])
        #expect(values.traceId == "7a3e91c0-2f5d-4b68-8e14-c6d0a9b2f573")
        #expect(values.correlationId == "e4c8b1d7-06a3-4f92-b5de-3a7f1c9e8046")
        #expect(values.timestamp == "2026-09-30 11:02:17Z")
        #expect(values.errorURI == "https://login.microsoftonline.com/error?code=65006")
        #expect(diagnosis.commands.contains(Sample.redisGrant))
        #expect(diagnosis.fixedBy == .tenantAdmin)
    }

    @Test func redirectURL650057() throws {
        let report = try Sample.report("04-redirect-url-650057.txt")
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(diagnosis.form == .redirectURL)
        #expect(values.code == .invalidResource)
        #expect(values.oauthError == "invalid_client")
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.clientName == "Redis Insight")
        #expect(values.resourceURI == "https://redis.azure.com")
        #expect(values.resourceAppId == Sample.redisAPI)
        #expect(values.validResources == [Sample.graph])
        #expect(values.redirectURI == "http://localhost:5540/api/azure/auth/callback")
        #expect(values.traceId == "2c7f0a9e-5b13-4d8c-9e26-b4a1d3f08e57")
        #expect(values.correlationId == "9e1b6c3d-7a48-4f05-82bd-5d0e2c4a7f91")
        #expect(values.timestamp == "2026-11-20 08:03:44Z")
        #expect(values.message?.contains("%") == false)
        #expect(diagnosis.commands.contains(Sample.redisGrant))
    }

    @Test func friendlyToast() throws {
        let report = try Sample.report("05-ri-friendly-toast.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .redisInsightToast)
        #expect(diagnosis.values.code == .invalidResource)
        #expect(diagnosis.values.message == "Azure authentication failed. The application is not properly configured for Azure Redis access. Please contact your administrator.")
        #expect(diagnosis.values.clientAppId == nil)
        #expect(diagnosis.profileId == "redisinsight")
        #expect(diagnosis.commands == ["az login --tenant '<tenant-id>'", Sample.redisGrant])
        #expect(diagnosis.notes.contains { $0.contains(Sample.resourceManager) })
        #expect(diagnosis.notes.contains { $0.contains("autodiscovery") })
    }

    @Test func msalNode650052() throws {
        let report = try Sample.report("06-msal-node-server-error.txt")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(diagnosis.form == .msal)
        #expect(values.code == .servicePrincipalMissingForResource)
        #expect(values.oauthError == "invalid_client")
        #expect(values.resourceAppId == Sample.resourceManager)
        #expect(values.resourceName == "Windows Azure Service Management API")
        #expect(values.tenant == "fabrikam.onmicrosoft.com")
        #expect(values.traceId == "44b1e0d2-8c3a-4f67-a9e5-0d7c2b6f1a38")
        #expect(values.correlationId == "6f2a9d81-c0e4-4b53-97a6-e3d1f8b04c27")
        #expect(values.timestamp == "2026-11-02 13:27:09Z")
        #expect(diagnosis.repeatCount == 1)
        #expect(diagnosis.commands.first == "az login --tenant fabrikam.onmicrosoft.com")
        #expect(diagnosis.commands.contains("az ad sp create --id \(Sample.resourceManager)"))
    }

    @Test func signInPage50011() throws {
        let report = try Sample.report("07-signin-page-50011.txt")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(diagnosis.form == .signInPageText)
        #expect(values.code == .invalidReplyTo)
        #expect(values.redirectURI == "http://10.20.30.40:5540/api/azure/auth/callback")
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.requestId == "3d8c1f5a-0b27-4e96-8a4d-c5f2e7b19063")
        #expect(values.correlationId == "b7e02a4c-9d16-4f38-a5c1-82e6d0f3b9a7")
        #expect(values.timestamp == "2026-11-21T10:55:31.604Z")
        #expect(diagnosis.summary.contains("IP address 10.20.30.40"))
        #expect(diagnosis.commands == ["ssh -L 5540:localhost:5540 '<user>@10.20.30.40'"])
        let steps = diagnosis.remediation.joined(separator: " ")
        #expect(steps.contains("RI_EXTERNAL_URL"))
        #expect(steps.contains("RI_APP_PORT"))
        #expect(steps.contains("not possible"))
        #expect(diagnosis.cause.contains("5540, 8000-8005"))
    }

    @Test func listGrantsOutputIsNoError() throws {
        let report = try Sample.report("08-az-list-grants-arm-only.json")
        #expect(report.diagnoses.isEmpty)
        #expect(report.verdict.status == .noErrorFound)
        #expect(report.notes.contains { $0.contains("list-grants") })
    }

    @Test func missingServicePrincipalOutputIsANote() throws {
        let report = try Sample.report("09-az-sp-show-missing.txt")
        #expect(report.diagnoses.isEmpty)
        #expect(report.verdict.status == .noErrorFound)
        #expect(report.notes.contains { $0.contains("az ad sp create --id \(Sample.redisAPI)") })
    }

    @Test func savedSignInPage() throws {
        let report = try Sample.report("10-signin-page-saved.html")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(diagnosis.form == .signInPageHTML)
        #expect(values.code == .resourcePrincipalNotFound)
        #expect(values.resourceURI == "https://redis.azure.com")
        #expect(values.tenant == "Northwind Traders")
        #expect(values.requestId == "d0c3b8e5-1f6a-4e27-8b94-7a5c2e1d9f60")
        #expect(values.correlationId == "4a9e6c21-7b3d-4f80-9c15-2e8d0b7a6f34")
        #expect(values.timestamp == "2026-12-01T08:41:17.312Z")
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.clientName == "Redis Insight")
        #expect(diagnosis.commands.contains("az ad sp create --id \(Sample.redisAPI)"))
        #expect(diagnosis.commands.first == "az login --tenant '<tenant-id>'")
        #expect(diagnosis.notes.contains { $0.contains("'Northwind Traders'") })
    }

    @Test func localizedSignInPage() throws {
        let report = try Sample.report("11-signin-page-localized.html")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        let values = diagnosis.values
        #expect(values.code == .delegationDoesNotExist)
        #expect(values.clientAppId == Sample.redisInsight)
        #expect(values.clientName == "Redis Insight")
        #expect(values.requestId == "8e1f0a6d-2c47-4b93-a5d8-0f3e7c9b2a16")
        #expect(values.correlationId == "f7b2d4e9-3c81-4a56-b0e7-9d2c6a1f8e43")
        #expect(values.timestamp == "2026-12-02T15:20:48.117Z")
        #expect(diagnosis.commands.contains(Sample.redisGrant))
        #expect(diagnosis.commands.contains("az ad app permission grant --id \(Sample.redisInsight) --api \(Sample.graph) --scope openid profile offline_access"))
    }

    @Test func harWithSecrets() throws {
        let report = try Sample.report("12-har-with-secrets.har")
        #expect(report.diagnoses.count == 2)
        let first = try #require(report.diagnoses.first)
        #expect(first.form == .har)
        #expect(first.values.code == .invalidResource)
        #expect(first.values.traceId == "b3e8f1a2-6c4d-4e97-8a05-d2f7c9b1e634")
        #expect(first.values.redirectURI == "http://localhost:5540/api/azure/auth/callback")
        let second = try #require(report.diagnoses.last)
        #expect(second.values.code == .strongAuthenticationEnrollmentRequired)
        #expect(second.values.resourceAppId == Sample.resourceManager)
        #expect(second.values.suberror == "basic_action")
        #expect(second.values.oauthError == "invalid_grant")
        #expect(second.profileId == "redisinsight")
        #expect(second.summary.contains("autodiscovery"))

        let json = JSONRenderer.render(report)
        for secret in ["secretCookieValueDoNotEcho42", "buidSecretValue17", "AsetCookieSecretValue99", "sigSecretDoNotEcho",
                       "secretStsCookie55", "refreshTokenSecretDoNotEcho", "notARealSecretButNeverEcho", "Zm9vYmFyYmF6cXV4"] {
            #expect(!json.contains(secret), "report echoes \(secret)")
        }
    }

    @Test func msalDotNet() throws {
        let report = try Sample.report("13-msal-dotnet.txt")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .msal)
        #expect(diagnosis.values.code == .resourceServicePrincipalDisabled)
        #expect(diagnosis.values.resourceAppId == Sample.redisAPI)
        #expect(diagnosis.values.oauthError == "invalid_grant")
        #expect(diagnosis.values.errorURI == "https://login.microsoftonline.com/error?code=500014")
        #expect(diagnosis.values.traceId == "92d7a4c1-0e3b-4f56-8c29-e6b1f0a7d384")
        #expect(diagnosis.commands.contains("az ad sp update --id \(Sample.redisAPI) --set accountEnabled=true"))
    }

    @Test func azureIdentity() throws {
        let report = try Sample.report("14-azure-identity.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .msal)
        #expect(diagnosis.values.code == .delegationDoesNotExist)
        #expect(diagnosis.values.clientAppId == "d4b7e2a9-1c36-4f80-9e5b-7a0c3f6d1b28")
        #expect(diagnosis.values.clientName == "Contoso Cache Reporter")
        #expect(diagnosis.profileId == nil)
        #expect(diagnosis.adminConsentURL == "https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=d4b7e2a9-1c36-4f80-9e5b-7a0c3f6d1b28")
    }

    @Test func msalIOS() throws {
        let report = try Sample.report("15-msal-ios.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .msal)
        #expect(diagnosis.values.code == .adminConsentRequired)
        #expect(diagnosis.values.message == "The grant requires admin permission.")
        #expect(diagnosis.values.oauthError == "invalid_grant")
        #expect(diagnosis.values.suberror == "consent_required")
        #expect(diagnosis.values.traceId == "e2b9f0c7-4a18-4d63-9f05-b7c1a3e8d526")
        #expect(diagnosis.values.correlationId == "5d8c1e3f-0a97-4b24-8e61-f3a0b9c7d248")
        #expect(diagnosis.values.timestamp == "2026-10-14 07:55:01Z")
    }

    @Test func azureCLIConditionalAccess() throws {
        let report = try Sample.report("16-azure-cli-53003.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .azureCLI)
        #expect(diagnosis.values.code == .blockedByConditionalAccess)
        #expect(diagnosis.values.correlationId == "0e4d8a2b-f91c-4763-a5e0-c2b8f6d4a917")
        #expect(diagnosis.remediation.first?.contains("0e4d8a2b-f91c-4763-a5e0-c2b8f6d4a917") == true)
        #expect(diagnosis.remediation.contains { $0.contains("Azure CLI suggests") })
    }

    @Test func azureCLIInsufficientPrivileges() throws {
        let report = try Sample.report("17-azure-cli-insufficient-privileges.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .azureCLI)
        #expect(diagnosis.values.code == nil)
        #expect(diagnosis.values.graphErrorCode == "Authorization_RequestDenied")
        #expect(diagnosis.remediation.first?.contains("Cloud Application Administrator") == true)
    }

    @Test func redisInsight12400() throws {
        let report = try Sample.report("18-ri-log-12400.txt")
        #expect(report.diagnoses.count == 1)
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .redisInsightLog)
        #expect(diagnosis.line == 3)
        #expect(diagnosis.values.applicationErrorCode == 12400)
        #expect(diagnosis.values.userObjectId == "5c1d9e7a-2b48-4f63-9e0a-d7c3b1f6a825")
        #expect(diagnosis.values.tenant == "3a8f5c2e-7d91-4b06-a4e3-c9f1b0d7e582")
        #expect(diagnosis.commands == ["az login --tenant 3a8f5c2e-7d91-4b06-a4e3-c9f1b0d7e582", Sample.resourceManagerGrant])
        #expect(diagnosis.errorPageURL == nil)
    }

    @Test func multiErrorLog() throws {
        let report = try Sample.report("19-multi-error.log")
        let codes = report.diagnoses.map { $0.values.code?.rawValue ?? $0.values.applicationErrorCode ?? 0 }
        #expect(codes == [650057, 50076, 12400, 11024, 9999999])
        #expect(report.diagnoses.map(\.line) == [1, 5, 6, 7, 8])
        #expect(report.diagnoses[0].repeatCount == 2)
        #expect(report.diagnoses[0].values.traceId == "5b0e3c1a-9f7d-4e21-8a66-0c4d2b7e9100")
        #expect(report.diagnoses[1].summary.contains("silently"))
        #expect(report.diagnoses[3].fixedBy == .user)
        let unknown = report.diagnoses[4]
        #expect(unknown.codeEntry == nil)
        #expect(unknown.summary.contains("not in the bundled code table"))
        #expect(unknown.values.traceId == "4c0e8b2d-a7f1-4936-b5d8-e2c9f1a0b347")
        #expect(unknown.errorPageURL == "https://login.microsoftonline.com/error?code=9999999")
    }

    @Test func fragmentRedirectOlderWording() throws {
        let report = try Sample.report("20-redirect-fragment.txt")
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.form == .redirectURL)
        #expect(diagnosis.values.code == .servicePrincipalMissingForResource)
        #expect(diagnosis.values.resourceName == "AzureRedisCacheAadApp")
        #expect(diagnosis.values.tenant == "contoso.onmicrosoft.com")
        #expect(diagnosis.values.traceId == "8f2c6a0e-1d94-4b73-b5e8-c7a3f0d1e926")
        #expect(diagnosis.values.timestamp == "2026-12-04 06:30:12Z")
        #expect(diagnosis.commands == [
            "az login --tenant contoso.onmicrosoft.com",
            "az ad sp create --id \(Sample.redisAPI)",
            Sample.redisGrant,
        ])
    }

    @Test func everySampleHasATest() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.fixture("pastes").path)
        #expect(names.count == 20)
    }
}
