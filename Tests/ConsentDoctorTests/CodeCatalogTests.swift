import Testing
@testable import ConsentDoctor

struct CodeCatalogTests {
    @Test func catalogAddsCodesTheTableLacks() {
        #expect(CodeCatalog.entries.count == CodeTable.entries.count + 1)
        #expect(CodeCatalog.entries.contains { $0.code == .userConsentBlockedByPolicy })
    }

    @Test func searchMatchesNamesCategoriesAndText() {
        #expect(CodeCatalog.search("InvalidReplyTo").map(\.code) == [.invalidReplyTo])
        #expect(CodeCatalog.search("redirect-uri").count == 6)
        #expect(CodeCatalog.search("verified publishers").map(\.code) == [.userConsentBlockedByPolicy])
        #expect(CodeCatalog.search("no such words anywhere").isEmpty)
        #expect(CodeCatalog.search("").isEmpty)
    }

    @Test func explanationOverridesTheFixer() {
        #expect(CodeCatalog.fixer(for: .invalidResource) == .tenantAdmin)
        #expect(CodeTable.entry(for: .invalidResource)?.fixedBy == .appDeveloper)
        #expect(CodeCatalog.fixer(for: .invalidReplyTo) == .appDeveloper)
    }

    @Test func summaryUsesTheCloud() throws {
        let summary = try #require(CodeSummary.make(.invalidResource, cloud: .azureChinaCloud))
        #expect(summary.link == "https://login.chinacloudapi.cn/error?code=650057")
        #expect(summary.inPublishedTable)
        #expect(CodeSummary.make(SignInErrorCode(rawValue: 1), cloud: .azureCloud) == nil)
    }

    @Test func everyCategoryHasAnExplanation() {
        for category in CodeCategory.allCases {
            #expect(!CategoryExplanation.for(category).summary.isEmpty)
        }
    }
}
