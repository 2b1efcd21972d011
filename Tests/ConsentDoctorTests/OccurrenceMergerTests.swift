import Testing
@testable import ConsentDoctor

/// Folding repeats: the indexed merger against a pairwise reference, the work per occurrence,
/// and the limit on errors kept in full.
struct OccurrenceMergerTests {
    private static func occurrence(code: Int? = 650052, tenant: String? = nil, resource: String? = nil, redirect: String? = nil, trace: String? = nil, line: Int? = nil) -> SignInErrorOccurrence {
        var values = ExtractedValues(code: code.map { SignInErrorCode(rawValue: $0) })
        values.tenant = tenant
        values.resourceAppId = resource
        values.redirectURI = redirect
        values.traceId = trace
        return SignInErrorOccurrence(form: .plainText, line: line, values: values)
    }

    private static func guid(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "c7e1a9d4-52b8-4f0e-9d13-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    @Test func matchesPairwiseReference() {
        for seed in 1...40 as ClosedRange<UInt64> {
            var generator = SeededGenerator(seed: seed)
            let occurrences = (0..<250).map { _ in ReferenceMerger.randomOccurrence(using: &generator) }
            var merger = OccurrenceMerger(detailLimit: .max)
            for occurrence in occurrences {
                merger.add(occurrence)
            }

            #expect(merger.occurrences == ReferenceMerger.merge(occurrences), "seed \(seed)")
        }
    }

    @Test func lookupsPerOccurrenceStayConstant() {
        let count = 5_000
        var merger = OccurrenceMerger(detailLimit: .max)
        for number in 0..<count {
            merger.add(Self.occurrence(tenant: Self.guid(number), resource: "acca5fbb-b7e4-4009-81f1-37e38fd66d78", trace: Self.guid(number + count)))
        }

        #expect(merger.occurrences.count == count)
        // One lookup per occurrence after the first; a pairwise scan needs count²/2 comparisons.
        #expect(merger.lookupCount == count - 1)
    }

    @Test func partialValuesJoinEarliestAgreeing() {
        var merger = OccurrenceMerger()
        merger.add(Self.occurrence(resource: "r1", trace: "t1"))
        merger.add(Self.occurrence(tenant: "tenant-b", resource: "r2", trace: "t2"))
        merger.add(Self.occurrence(tenant: "tenant-b", trace: "t3"))
        merger.add(Self.occurrence(tenant: "tenant-c", resource: "r1", trace: "t4"))

        #expect(merger.occurrences.count == 3)
        #expect(merger.occurrences[0].values.tenant == "tenant-b")
        #expect(merger.occurrences[0].repeatCount == 2)
        #expect(merger.occurrences[2].values.tenant == "tenant-c")
    }

    @Test func errorsBeyondLimitAreCounted() {
        var merger = OccurrenceMerger(detailLimit: 100)
        for round in 0..<4 {
            for number in 0..<150 {
                merger.add(Self.occurrence(code: 50011, redirect: "http://10.0.0.\(number):5540/api/azure/auth/callback", trace: Self.guid(round * 1000 + number)))
            }
        }

        #expect(merger.occurrences.count == 100)
        #expect(merger.occurrences.allSatisfy { $0.repeatCount == 4 })
        #expect(merger.omitted.counts == [OmittedErrorCount(code: .invalidReplyTo, occurrences: 200, distinctErrors: 50)])
    }

    @Test func countsPerCodeInOrder() {
        var merger = OccurrenceMerger(detailLimit: 1)
        merger.add(Self.occurrence(code: 65006, resource: "r0"))
        merger.add(Self.occurrence(code: 650052, tenant: "a", resource: "r1"))
        merger.add(Self.occurrence(code: 650052, tenant: "b", resource: "r1"))
        merger.add(Self.occurrence(code: 650052, tenant: "B", resource: "R1"))
        var codeless = Self.occurrence(code: nil)
        codeless.values.applicationErrorCode = 12400
        merger.add(codeless)

        #expect(merger.omitted.counts == [
            OmittedErrorCount(code: .servicePrincipalMissingForResource, occurrences: 3, distinctErrors: 2, tenants: 2, resources: 1),
            OmittedErrorCount(code: nil, applicationErrorCode: 12400, occurrences: 1, distinctErrors: 1),
        ])
    }

    @Test func rememberedValuesAreCapped() {
        var merger = OccurrenceMerger(detailLimit: 1, omitted: OmittedErrorTally(maximumRememberedValues: 10))
        merger.add(Self.occurrence(tenant: "kept"))
        for number in 0..<50 {
            merger.add(Self.occurrence(tenant: Self.guid(number)))
        }
        let count = merger.omitted.counts.first

        #expect(count?.occurrences == 50)
        #expect(count?.distinctCountsCapped == true)
        #expect((count?.distinctErrors ?? 0) + (count?.tenants ?? 0) <= 10)
    }

    @Test func pasteWithManyTenantsIsBounded() {
        let lines = (0..<2_000).map { number in
            "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization '\(Self.guid(number))' lacks a service principal for. Trace ID: \(Self.guid(number + 100_000))"
        }
        let reading = PasteReader.read(bytes: Array(lines.joined(separator: "\n").utf8))
        let report = ExplainReport.make(reading: reading, options: ExplainOptions(), generatedAt: "t")
        let text = TextRenderer.render(report, options: RenderOptions())

        #expect(reading.occurrences.count == PasteReader.defaultDetailLimit)
        #expect(reading.omittedErrors == [OmittedErrorCount(code: .servicePrincipalMissingForResource, occurrences: 1_900, distinctErrors: 1_900, tenants: 1_900, resources: 1)])
        #expect(report.diagnoses.count == 100)
        #expect(report.omittedErrors == reading.omittedErrors)
        #expect(text.hasPrefix("100 sign-in errors diagnosed; 1,900 more were found and only counted (see Notes)."))
        #expect(text.contains("AADSTS650052 1,900 times (1,900 distinct, in 1,900 tenants, for 1 resource)"))
    }
}

/// The merge rule applied by comparing each occurrence with every error kept so far, written
/// apart from the indexed merger so the two can be compared.
enum ReferenceMerger {
    private static var identifying: [KeyPath<ExtractedValues, String?>] {
        [\.clientAppId, \.resourceAppId, \.resourceURI, \.tenant, \.redirectURI, \.graphErrorCode]
    }

    private static var tracing: [KeyPath<ExtractedValues, String?>] {
        [\.traceId, \.correlationId, \.requestId, \.timestamp]
    }

    private static var descriptive: [WritableKeyPath<ExtractedValues, String?>] {
        [
            \.clientAppId, \.resourceAppId, \.resourceURI, \.tenant, \.redirectURI, \.graphErrorCode, \.oauthError, \.suberror,
            \.clientName, \.resourceName, \.errorURI, \.message, \.userPrincipalName, \.userObjectId,
        ]
    }

    static func merge(_ occurrences: [SignInErrorOccurrence]) -> [SignInErrorOccurrence] {
        var result: [SignInErrorOccurrence] = []
        for occurrence in occurrences {
            guard let index = result.firstIndex(where: { same($0.values, occurrence.values) }) else {
                result.append(occurrence)
                continue
            }
            let untraced = { (values: ExtractedValues) in tracing.allSatisfy { values[keyPath: $0] == nil } }
            let separateLines = untraced(result[index].values) && untraced(occurrence.values)
                && result[index].line != nil && occurrence.line != nil && result[index].line != occurrence.line
            let traces = agree(result[index].values, occurrence.values, on: tracing) && !separateLines
            if !traces {
                result[index].repeatCount += occurrence.repeatCount
            }
            for keyPath in descriptive where result[index].values[keyPath: keyPath] == nil {
                result[index].values[keyPath: keyPath] = occurrence.values[keyPath: keyPath]
            }
            if traces {
                result[index].values.traceId = result[index].values.traceId ?? occurrence.values.traceId
                result[index].values.correlationId = result[index].values.correlationId ?? occurrence.values.correlationId
                result[index].values.requestId = result[index].values.requestId ?? occurrence.values.requestId
                result[index].values.timestamp = result[index].values.timestamp ?? occurrence.values.timestamp
            }
            result[index].values.applicationErrorCode = result[index].values.applicationErrorCode ?? occurrence.values.applicationErrorCode
        }
        return result
    }

    private static func same(_ first: ExtractedValues, _ second: ExtractedValues) -> Bool {
        guard first.code == second.code else {
            return false
        }
        if let left = first.applicationErrorCode, let right = second.applicationErrorCode, left != right {
            return false
        }
        if first.code == nil, first.applicationErrorCode != second.applicationErrorCode {
            return false
        }
        return agree(first, second, on: identifying)
    }

    private static func agree(_ first: ExtractedValues, _ second: ExtractedValues, on keyPaths: [KeyPath<ExtractedValues, String?>]) -> Bool {
        keyPaths.allSatisfy { keyPath in
            guard let left = first[keyPath: keyPath], let right = second[keyPath: keyPath] else {
                return true
            }
            return left.lowercased() == right.lowercased()
        }
    }

    /// Returns an occurrence drawn from small pools of values, so agreements, case differences,
    /// missing values and repeats are all common.
    static func randomOccurrence(using generator: inout SeededGenerator) -> SignInErrorOccurrence {
        func pick<T>(_ pool: [T]) -> T {
            pool[Int.random(in: 0..<pool.count, using: &generator)]
        }
        var values = ExtractedValues(code: pick([650057, 650052, nil]).map { SignInErrorCode(rawValue: $0) })
        values.applicationErrorCode = pick([nil, nil, 12400, 11024])
        values.clientAppId = pick([nil, "client-a", "CLIENT-A", "client-b"])
        values.resourceAppId = pick([nil, "resource-1", "resource-2"])
        values.tenant = pick([nil, "tenant-1", "Tenant-1", "tenant-2"])
        values.redirectURI = pick([nil, nil, "http://localhost:5540"])
        values.traceId = pick([nil, "trace-1", "trace-2"])
        values.message = pick([nil, "first wording", "second wording"])
        return SignInErrorOccurrence(form: .plainText, line: pick([nil, 1, 2, 3]), values: values)
    }
}
