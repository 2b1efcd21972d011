import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

struct CodeTableTests {
    @Test func embeddedTableMatchesFixture() throws {
        let fixture = try PackagePaths.fixtureText("reference/aadsts-codes.tsv")
        #expect(CodeTable.embeddedTSV + "\n" == fixture || CodeTable.embeddedTSV == fixture)
    }

    @Test func everyRowIsParsed() throws {
        let fixture = try PackagePaths.fixtureText("reference/aadsts-codes.tsv")
        let rows = fixture.split(whereSeparator: \.isNewline).count - 1
        #expect(CodeTable.entries.count == rows)
    }

    @Test func knownRowHasNameCategoryAndFixer() throws {
        let entry = try #require(CodeTable.entry(for: .invalidReplyTo))
        #expect(entry.name == "InvalidReplyTo")
        #expect(entry.category == .redirectURI)
        #expect(entry.fixedBy == .appDeveloper)
    }

    @Test func unlistedCodeHasNoEntry() {
        #expect(CodeTable.entry(for: SignInErrorCode(rawValue: 1)) == nil)
    }

    @Test func codeParsesWithAndWithoutPrefix() {
        #expect(SignInErrorCode("AADSTS650057") == .invalidResource)
        #expect(SignInErrorCode("aadsts650057") == .invalidResource)
        #expect(SignInErrorCode("650057") == .invalidResource)
        #expect(SignInErrorCode("AADSTS") == nil)
        #expect(SignInErrorCode("AADSTS65x") == nil)
    }
}
