import Foundation
import Testing
@testable import ConsentDoctor

/// Classification, profiles, validation of values that reach commands, and explanations.
struct DiagnoserTests {
    typealias Sample = ExplainFixtures

    /// Returns whether every character a shell treats specially sits inside single quotes.
    private func isSafeCommand(_ command: String) -> Bool {
        var inQuotes = false
        for character in command {
            if character == "'" {
                inQuotes.toggle()
                continue
            }
            if !inQuotes && "$`;|&<>(){}\"\\\n!*?[]~#".contains(character) {
                return false
            }
        }
        return !inQuotes
    }

    @Test(arguments: [
        "$(curl -s http://127.0.0.1:9/x)",
        "`id`",
        "a'; rm -rf ~; echo '",
        "x\"; reboot; \"",
        "fabrikam.com;id",
        "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35 && id",
    ])
    func hostileTenantNeverReachesACommand(tenant: String) {
        let text = "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization '\(tenant)' lacks a service principal for."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.commands.first == "az login --tenant '<tenant-id>'")
        #expect(diagnosis?.commands.allSatisfy(isSafeCommand) == true)
        #expect(diagnosis?.commands.contains { $0.contains(tenant) } == false)
        #expect(diagnosis?.notes.contains { $0.contains("where the tenant belongs") } == true)
    }

    @Test(arguments: [
        "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0;id",
        "$(id)",
        "`whoami`",
        "x\nrm -rf /",
    ])
    func hostileAppIdNeverReachesACommand(appId: String) {
        let text = "AADSTS650057: Invalid resource. Client app ID: \(appId)(Evil). Resource value from request: https://redis.azure.com. Resource app ID: \(appId). Trace ID: 11111111-2222-4333-8444-555555555555"
        let report = Sample.report(text: text)
        for diagnosis in report.diagnoses {
            #expect(diagnosis.commands.allSatisfy(isSafeCommand))
            #expect(!diagnosis.commands.joined().contains("whoami"))
            #expect(!diagnosis.commands.joined().contains(";id"))
            #expect(!diagnosis.commands.joined().contains("$(id)"))
        }
        #expect(!report.diagnoses.isEmpty)
    }

    @Test func hostileRedirectHostIsNotTunnelled() {
        let text = "AADSTS50011: The redirect URI 'http://evil.example;id:5540/api/azure/auth/callback' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.commands.allSatisfy(isSafeCommand) == true)
        #expect(diagnosis?.commands.joined().contains(";id") == false)
    }

    @Test func classificationIgnoresWording() {
        let text = "AADSTS650052: The redirect URI 'http://10.0.0.1:5540/x' does not match. Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.title == "Service principal missing for a resource")
    }

    @Test func redirectOnLoopbackAddress() {
        let text = "AADSTS50011: The redirect URI 'http://127.0.0.1:5540/api/azure/auth/callback' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.summary.contains("loopback address 127.0.0.1") == true)
        #expect(diagnosis?.commands.isEmpty == true)
    }

    @Test func redirectWithWrongPortHTTPSAndProxyPath() {
        let analysis = RedirectURIAnalysis.analyse("https://redis.contoso.com:9443/insight/api/azure/auth/callback", rules: AppProfile.redisInsight.redirectRules!)
        #expect(analysis.problems.count == 4)
        #expect(analysis.problems[0].contains("https"))
        #expect(analysis.problems[1].contains("redis.contoso.com"))
        #expect(analysis.problems[2].contains("port 9443"))
        #expect(analysis.problems[3].contains("/insight/api/azure/auth/callback"))
        #expect(analysis.remoteHost == "redis.contoso.com")
        #expect(analysis.port == 5540)
    }

    @Test func redirectWithoutHost() throws {
        let rules = try #require(AppProfile.redisInsight.redirectRules)
        let analysis = RedirectURIAnalysis.analyse("javascript:alert(1)", rules: rules)

        #expect(analysis.problems == [
            "it uses javascript, but only http is registered for localhost",
            "it names no host, so it cannot lead the browser back to the app at localhost",
        ])
        #expect(analysis.remoteHost == nil)
    }

    @Test func redirectWithEmptyHTTPHost() throws {
        let rules = try #require(AppProfile.redisInsight.redirectRules)
        let analysis = RedirectURIAnalysis.analyse("http:///api/azure/auth/callback", rules: rules)

        #expect(analysis.problems == ["it names no host, so it cannot lead the browser back to the app at localhost"])
    }

    @Test func redirectSummaryWithoutHost() {
        let text = "AADSTS50011: The redirect URI 'javascript:alert(1)' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        let summary = Sample.report(text: text).diagnoses.first?.summary ?? ""

        #expect(summary.contains("it names no host"))
        #expect(!summary.contains("(none)"))
        #expect(!summary.contains("custom domain"))
    }

    @Test func portListCollapsesRuns() {
        #expect(RedirectURIAnalysis.portList([5540, 8000, 8001, 8002, 8003, 8004, 8005]) == "5540, 8000-8005")
    }

    @Test func resourceManagerMFAExplainsAutodiscovery() {
        let text = "Token acquisition failed: AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '797f4846-ba00-4fd7-ba43-dac1f8f63013'."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.profileId == "redisinsight")
        #expect(diagnosis?.summary.contains("autodiscovery") == true)
        #expect(diagnosis?.cause.contains("background") == true)
        #expect(diagnosis?.remediation.first?.contains("https://aka.ms/mfasetup") == true)
    }

    @Test func profileNoneLeavesPlaceholders() {
        let report = Sample.report(text: "AADSTS650057: Invalid resource. (AADSTS650057)", options: ExplainOptions(profile: .none))
        let diagnosis = report.diagnoses.first
        #expect(diagnosis?.profileId == nil)
        #expect(diagnosis?.commands.last == "az ad app permission grant --id '<client-app-id>' --api '<resource-app-id>' --scope '<scope>'")
        #expect(diagnosis?.notes.contains { $0.contains("<client-app-id>") } == true)
    }

    @Test func otherClientGetsNoProfile() {
        let text = "AADSTS650057: Invalid resource. Client app ID: d4b7e2a9-1c36-4f80-9e5b-7a0c3f6d1b28(Contoso). Resource value from request: https://redis.azure.com. Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.profileId == nil)
        #expect(diagnosis?.commands.last == "az ad app permission grant --id d4b7e2a9-1c36-4f80-9e5b-7a0c3f6d1b28 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation")
    }

    @Test func unknownAPIScopesArePlaceholders() {
        let text = "AADSTS650057: Invalid resource. Client app ID: d4b7e2a9-1c36-4f80-9e5b-7a0c3f6d1b28(Contoso). Resource app ID: 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9."
        let diagnosis = Sample.report(text: text).diagnoses.first
        #expect(diagnosis?.commands.last?.hasSuffix("--scope '<scope>'") == true)
        #expect(diagnosis?.notes.contains { $0.contains("<scope>") } == true)
    }

    @Test func otherCloudChangesLinksAndCommands() throws {
        let report = try Sample.report("02-ri-docker-toast-650052.txt", options: ExplainOptions(cloud: .azureUSGovernment))
        let diagnosis = try #require(report.diagnoses.first)
        #expect(diagnosis.commands.first == "az cloud set --name AzureUSGovernment")
        #expect(diagnosis.errorPageURL == "https://login.microsoftonline.us/error?code=650052")
        #expect(diagnosis.adminConsentURL?.hasPrefix("https://login.microsoftonline.us/c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35/adminconsent") == true)
        #expect(report.cloud == "AzureUSGovernment")
    }

    @Test(arguments: [
        650057, 65006, 650052, 500011, 700016, 65001, 65004, 65005, 650056, 90094, 90093, 900941, 90095, 90008,
        50011, 500113, 50105, 7000112, 500014, 53003, 530003, 50076, 50079, 50020, 70011, 9002326, 7000215,
        7000222, 700024, 50194,
    ])
    func everyListedCodeHasItsOwnExplanation(code: Int) throws {
        let explanation = try #require(CodeExplanations.explanation(for: SignInErrorCode(rawValue: code)))
        #expect(!explanation.summary.isEmpty)
        #expect(!explanation.cause.isEmpty)
        #expect(!explanation.advice.isEmpty)
        let diagnosis = Diagnoser.diagnose(
            SignInErrorOccurrence(form: .plainText, values: ExtractedValues(code: SignInErrorCode(rawValue: code))),
            index: 1,
            options: ExplainOptions()
        )
        #expect(!diagnosis.summary.isEmpty)
        #expect(!diagnosis.cause.isEmpty)
        #expect(!diagnosis.remediation.isEmpty)
        #expect(diagnosis.title == explanation.title)
    }

    @Test func consentBlockedByPolicyIsKnown() throws {
        let entry = try #require(CodeCatalog.entry(for: .userConsentBlockedByPolicy))
        #expect(entry.category == .consent)
        #expect(CodeTable.entry(for: .userConsentBlockedByPolicy) == nil)
        let diagnosis = Sample.report(text: "AADSTS900941: Admin consent is required. App: RedisInsight").diagnoses.first
        #expect(diagnosis?.codeEntry?.code == .userConsentBlockedByPolicy)
        #expect(diagnosis?.commands.contains(Sample.redisGrant) == true)
    }

    @Test func tableCodeWithoutTextGetsCategoryExplanation() {
        let diagnosis = Sample.report(text: "AADSTS50034: The user account does not exist.").diagnoses.first
        #expect(diagnosis?.codeEntry?.category == .userAccount)
        #expect(diagnosis?.summary == CategoryExplanation.for(.userAccount).summary)
        #expect(diagnosis?.remediation.contains { $0.contains("Usually fixed by") } == true)
    }

    @Test func redisTokenExpired() {
        let diagnosis = Sample.report(text: #"[warn] Redis connection closed: {"errorCode":11024}"#).diagnoses.first
        #expect(diagnosis?.values.applicationErrorCode == 11024)
        #expect(diagnosis?.fixedBy == .user)
        #expect(diagnosis?.title == "RedisInsight's Redis token expired")
    }

    @Test func verdictFollowsDiagnoses() {
        #expect(Sample.report(text: "nothing here").verdict.status == .noErrorFound)
        #expect(Sample.report(text: "AADSTS50034").verdict.status == .diagnosed)
    }
}
