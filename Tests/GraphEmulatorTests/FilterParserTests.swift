import Testing
@testable import GraphEmulator

struct FilterParserTests {
    @Test func equalsString() throws {
        let expression = try FilterParser.parse("appId eq '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'")
        #expect(expression == .equals(property: "appId", literal: .string("61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")))
    }

    @Test func anyLambda() throws {
        let expression = try FilterParser.parse("servicePrincipalNames/any(c:c eq 'https://redis.azure.com')")
        #expect(expression == .anyEquals(collection: "servicePrincipalNames", literal: .string("https://redis.azure.com")))
    }

    @Test func andOfTwoComparisons() throws {
        let expression = try FilterParser.parse("clientId eq 'a' and resourceId eq 'b'")
        #expect(expression == .and(.equals(property: "clientId", literal: .string("a")), .equals(property: "resourceId", literal: .string("b"))))
    }

    @Test func andBindsTighterThanOr() throws {
        let expression = try FilterParser.parse("id eq 'a' or id eq 'b' and displayName eq 'c'")
        let expected = FilterExpression.or(
            .equals(property: "id", literal: .string("a")),
            .and(.equals(property: "id", literal: .string("b")), .equals(property: "displayName", literal: .string("c")))
        )
        #expect(expression == expected)
    }

    @Test func parenthesesGroup() throws {
        let expression = try FilterParser.parse("(id eq 'a' or id eq 'b') and accountEnabled eq true")
        let expected = FilterExpression.and(
            .or(.equals(property: "id", literal: .string("a")), .equals(property: "id", literal: .string("b"))),
            .equals(property: "accountEnabled", literal: .boolean(true))
        )
        #expect(expression == expected)
    }

    @Test func inList() throws {
        let expression = try FilterParser.parse("appId in ('a', 'b','c')")
        #expect(expression == .isIn(property: "appId", literals: [.string("a"), .string("b"), .string("c")]))
    }

    @Test func startsWithFunction() throws {
        let expression = try FilterParser.parse("startswith(displayName,'Redis')")
        #expect(expression == .startsWith(property: "displayName", prefix: "Redis"))
    }

    @Test func doubledQuoteIsOneQuote() throws {
        let expression = try FilterParser.parse("displayName eq 'O''Brien app'")
        #expect(expression == .equals(property: "displayName", literal: .string("O'Brien app")))
    }

    @Test func keywordsIgnoreCase() throws {
        let expression = try FilterParser.parse("clientId EQ 'a' AND consentType Eq 'AllPrincipals'")
        #expect(expression == .and(.equals(property: "clientId", literal: .string("a")), .equals(property: "consentType", literal: .string("AllPrincipals"))))
    }

    @Test func nullLiteral() throws {
        #expect(try FilterParser.parse("principalId eq null") == .equals(property: "principalId", literal: .null))
    }

    @Test(arguments: ["appId eq", "appId eq 'unterminated", "appId 'x'", "", "(appId eq 'x'", "appId eq 'x' extra", "appId eq 123"])
    func malformedIsSyntaxError(text: String) {
        #expect(throws: FilterError.self) {
            try FilterParser.parse(text)
        }
        do {
            _ = try FilterParser.parse(text)
        } catch let error as FilterError {
            guard case .syntax = error else {
                Issue.record("'\(text)' gave \(error), expected a syntax error")
                return
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: ["appId ne 'x'", "not (appId eq 'x')", "endswith(displayName,'x')", "tags/all(t:t eq 'x')", "displayName gt 'a'"])
    func unsupportedIsReported(text: String) {
        do {
            _ = try FilterParser.parse(text)
            Issue.record("'\(text)' parsed, expected it to be unsupported")
        } catch let error as FilterError {
            guard case .unsupported = error else {
                Issue.record("'\(text)' gave \(error), expected unsupported")
                return
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func schemaCanonicalisesPropertyCase() throws {
        let resolved = try FilterSchema.servicePrincipal.resolve(try FilterParser.parse("APPID eq 'x'"))
        #expect(resolved == .equals(property: "appId", literal: .string("x")))
    }

    @Test func schemaRejectsScopeOnGrants() {
        #expect(throws: FilterError.unsupported("Filtering on property 'scope' of microsoft.graph.oAuth2PermissionGrant is not supported.")) {
            try FilterSchema.permissionGrant.resolve(try FilterParser.parse("scope eq 'user_impersonation'"))
        }
    }

    @Test func schemaRejectsAnyOnScalar() {
        #expect(throws: FilterError.self) {
            try FilterSchema.servicePrincipal.resolve(try FilterParser.parse("appId/any(c:c eq 'x')"))
        }
    }

    @Test func evaluationIgnoresCase() throws {
        let expression = try FilterParser.parse("servicePrincipalNames/any(c:c eq 'HTTPS://REDIS.AZURE.COM')")
        let matched = expression.matches { property in
            property == "servicePrincipalNames" ? .strings(["https://redis.azure.com"]) : .string(nil)
        }
        #expect(matched)
    }

    @Test func requiredValuesFromAndChain() throws {
        let expression = try FilterParser.parse("clientId eq 'a' and resourceId eq 'b'")
        #expect(expression.requiredValues(of: "clientId") == ["a"])
        #expect(expression.requiredValues(of: "resourceId") == ["b"])
    }

    @Test func requiredValuesIgnoreOr() throws {
        let expression = try FilterParser.parse("clientId eq 'a' or clientId eq 'b'")
        #expect(expression.requiredValues(of: "clientId").isEmpty)
    }
}
