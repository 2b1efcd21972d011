import Foundation
import Testing
import TestSupport

/// Runs the built `consent-doctor codes`.
struct CodesCommandTests {
    @Test func lookUpByNumber() throws {
        for argument in ["650057", "AADSTS650057", "aadsts650057"] {
            let result = try ProcessRunner.consentDoctor(["codes", argument])
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix("AADSTS650057: Resource missing from the client's registration"))
            #expect(result.standardOutput.contains("Fixed by:  a tenant administrator"))
            #expect(result.standardOutput.contains("https://login.microsoftonline.com/error?code=650057"))
        }
    }

    @Test func codeTheTableLacks() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "900941"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("User consent blocked by tenant policy"))
        #expect(result.standardOutput.contains("\n  Name:      (none: the code is not in the published table)\n"))
    }

    @Test func tableCodeWithoutName() throws {
        let text = try ProcessRunner.consentDoctor(["codes", "650057"]).standardOutput
        let json = try ProcessRunner.consentDoctor(["codes", "650057", "--format", "json"]).standardOutput

        #expect(text.contains("\n  Name:      (none: the published table lists this code without a name)\n"))
        #expect(!text.contains("Note:"))
        #expect(json.contains("\"inPublishedTable\" : true"))
    }

    @Test func namedCodeShowsName() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "50011"])
        #expect(result.standardOutput.contains("\n  Name:      InvalidReplyTo\n"))
    }

    @Test func unknownCodeExitsOne() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "1234567"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("not in the bundled table"))
    }

    @Test func invalidCodeExitsSixtyFour() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "AADSTSxyz"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: 'AADSTSxyz' is not an AADSTS code."))
    }

    @Test func searchWithSeveralWords() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--search", "redirect", "uri"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("AADSTS50011"))
        #expect(result.standardOutput.contains("AADSTS9002326"))
    }

    @Test func searchWithoutMatchesExitsOne() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--search", "zzzz-nothing"])
        #expect(result.status == 1)
    }

    @Test func searchEchoEscapesControls() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--search", "zz\u{1B}[2Jzz"])
        #expect(result.status == 1)
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(result.standardOutput.contains("No code matches"))
    }

    @Test func listEveryCode() throws {
        let result = try ProcessRunner.consentDoctor(["codes"])
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 351)
    }

    @Test func jsonOutput() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "50011", "--format", "json", "--cloud", "AzureUSGovernment"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
        let codes = try #require(object["codes"] as? [[String: Any]])
        #expect(codes.first?["code"] as? Int == 50011)
        #expect(codes.first?["name"] as? String == "InvalidReplyTo")
        #expect(codes.first?["category"] as? String == "redirect-uri")
        #expect(codes.first?["link"] as? String == "https://login.microsoftonline.us/error?code=50011")
    }

    @Test func badFormatExitsSixtyFour() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--format", "html"])
        #expect(result.status == 64)
    }

    @Test func help() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("--search"))
        #expect(result.standardOutput.contains("--format"))
        #expect(result.standardOutput.contains("--cloud"))
        let oneLine = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(oneLine.contains("whose number, symbolic name, category, fixer (such as tenant-admin) or explanation contains every word"))
    }

    @Test func surroundingSpacesAreTrimmed() throws {
        for argument in [" 650057", "650057 ", "\tAADSTS650057\n"] {
            let result = try ProcessRunner.consentDoctor(["codes", argument])
            #expect(result.status == 0, "\(argument)")
            #expect(result.standardOutput.hasPrefix("AADSTS650057: "), "\(argument)")
        }
    }

    @Test func searchMatchesNumberAndFixer() throws {
        let number = try ProcessRunner.consentDoctor(["codes", "--search", "65005"])
        #expect(number.standardOutput.contains("AADSTS650057"))
        let fixer = try ProcessRunner.consentDoctor(["codes", "--search", "idp-admin"])
        #expect(fixer.status == 0)
    }
}
