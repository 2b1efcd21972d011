import Foundation
import Testing
@testable import ConsentDoctor

struct DiagnosisRenderingTests {
    typealias Sample = ExplainFixtures

    @Test func textHasEveryPart() throws {
        let text = TextRenderer.render(try Sample.report("02-ri-docker-toast-650052.txt"), options: RenderOptions(color: false))
        #expect(text.hasPrefix("1 sign-in error found."))
        #expect(text.contains("[1] AADSTS650052  Service principal missing for a resource"))
        #expect(text.contains("Fixed by: a tenant administrator"))
        #expect(text.contains("What is wrong"))
        #expect(text.contains("Tenant          c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"))
        #expect(text.contains("Why"))
        #expect(text.contains("      1. Run the setup in the tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"))
        #expect(text.contains("\n      az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78\n"))
        #expect(text.contains("Admin consent URL"))
        #expect(text.contains("More: https://login.microsoftonline.com/error?code=650052"))
    }

    @Test func commandsAreNeverWrapped() throws {
        let text = TextRenderer.render(try Sample.report("01-ri-desktop-log-650057.txt"), options: RenderOptions(color: false))
        #expect(text.contains("      " + Sample.redisGrant + "\n"))
    }

    @Test func inlineCommandsStayOnOneLine() {
        let lines = TextRenderer.wrapLine("then create it with `az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78` and go on", width: 30)
        #expect(lines.contains("`az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78`"))
    }

    @Test func noColorWithoutTheOption() throws {
        let text = TextRenderer.render(try Sample.report("19-multi-error.log"), options: RenderOptions(color: false))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func colorWithTheOption() throws {
        let text = TextRenderer.render(try Sample.report("01-ri-desktop-log-650057.txt"), options: RenderOptions(color: true))
        #expect(text.contains("\u{1B}[31m"))
    }

    @Test func noErrorFoundText() {
        let text = TextRenderer.render(Sample.report(text: "all good"), options: RenderOptions(color: false))
        #expect(text.hasPrefix("No recognisable sign-in error found."))
    }

    @Test func repeatsAreShown() throws {
        let text = TextRenderer.render(try Sample.report("19-multi-error.log"), options: RenderOptions(color: false))
        #expect(text.contains("Found in: line 1, RedisInsight log, seen 2 times"))
        #expect(text.hasPrefix("5 sign-in errors found."))
    }

    @Test func jsonRoundTrips() throws {
        let report = try Sample.report("12-har-with-secrets.har")
        let json = JSONRenderer.render(report)
        let decoded = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(decoded.command == .explain)
        #expect(decoded.verdict.status == .diagnosed)
    }
}
