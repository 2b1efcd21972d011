import Testing

/// Checks the test-only schema validator itself, so the report schema tests can trust it.
struct JSONSchemaValidatorTests {
    static func violations(_ schema: String, _ instance: String) throws -> [JSONSchemaValidator.Violation] {
        try JSONSchemaValidator(schema: JSONValue.parse(schema)).validate(JSONValue.parse(instance))
    }

    @Test(arguments: [
        (#"{"type": "string"}"#, #""a""#, true),
        (#"{"type": "string"}"#, "1", false),
        (#"{"type": "integer"}"#, "1", true),
        (#"{"type": "integer"}"#, "1.5", false),
        (#"{"type": "integer"}"#, "true", false),
        (#"{"type": "number"}"#, "1", true),
        (#"{"type": "boolean"}"#, "false", true),
        (#"{"type": "boolean"}"#, "0", false),
        (#"{"type": "null"}"#, "null", true),
        (#"{"type": ["string", "null"]}"#, "null", true),
        (#"{"type": "array"}"#, "{}", false),
        (#"{"type": "object"}"#, "[]", false),
    ])
    func type(schema: String, instance: String, valid: Bool) throws {
        #expect(try Self.violations(schema, instance).isEmpty == valid)
    }

    @Test(arguments: [
        (#"{"enum": ["a", "b"]}"#, #""b""#, true),
        (#"{"enum": ["a", "b"]}"#, #""c""#, false),
        (#"{"enum": [1, 2]}"#, "2.0", true),
        (#"{"const": "1.0"}"#, #""1.0""#, true),
        (#"{"const": "1.0"}"#, "1.0", false),
        (#"{"const": 0}"#, "0", true),
        (#"{"const": 0}"#, "1", false),
    ])
    func enumAndConst(schema: String, instance: String, valid: Bool) throws {
        #expect(try Self.violations(schema, instance).isEmpty == valid)
    }

    @Test(arguments: [
        (#"{"minimum": 1}"#, "1", true),
        (#"{"minimum": 1}"#, "0", false),
        (#"{"maximum": 599}"#, "600", false),
        (#"{"minimum": 1}"#, #""not a number""#, true),
        (#"{"minLength": 2}"#, #""ab""#, true),
        (#"{"minLength": 2}"#, #""a""#, false),
        (#"{"pattern": "^[0-9]+$"}"#, #""123""#, true),
        (#"{"pattern": "^[0-9]+$"}"#, #""12a""#, false),
        (#"{"pattern": "[0-9]"}"#, #""a1b""#, true),
    ])
    func numbersAndStrings(schema: String, instance: String, valid: Bool) throws {
        #expect(try Self.violations(schema, instance).isEmpty == valid)
    }

    @Test(arguments: [
        (#"{"required": ["a"]}"#, #"{"a": 1}"#, true),
        (#"{"required": ["a"]}"#, #"{"b": 1}"#, false),
        (#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": 1}"#, false),
        (#"{"properties": {"a": {"type": "string"}}}"#, #"{"b": 1}"#, true),
        (#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1}"#, true),
        (#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1, "b": 2}"#, false),
        (#"{"additionalProperties": {"type": "integer"}}"#, #"{"b": "x"}"#, false),
        (#"{"items": {"type": "integer"}}"#, "[1, 2, 3]", true),
        (#"{"items": {"type": "integer"}}"#, #"[1, "2"]"#, false),
    ])
    func objectsAndArrays(schema: String, instance: String, valid: Bool) throws {
        #expect(try Self.violations(schema, instance).isEmpty == valid)
    }

    @Test(arguments: [
        (#"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#, "1", true),
        (#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "1", false),
        (#"{"oneOf": [{"type": "string"}, {"type": "boolean"}]}"#, "1", false),
        (#"{"anyOf": [{"type": "integer"}, {"minimum": 0}]}"#, "1", true),
        (#"{"anyOf": [{"type": "string"}, {"type": "boolean"}]}"#, "1", false),
    ])
    func combinations(schema: String, instance: String, valid: Bool) throws {
        #expect(try Self.violations(schema, instance).isEmpty == valid)
    }

    @Test
    func referenceToDefinition() throws {
        let schema = ##"{"$defs": {"Code": {"type": "integer"}}, "items": {"$ref": "#/$defs/Code"}}"##

        #expect(try Self.violations(schema, "[650057]").isEmpty)
        #expect(try Self.violations(schema, #"["650057"]"#).map(\.path) == ["/0"])
    }

    @Test
    func violationPaths() throws {
        let schema = #"{"properties": {"findings": {"items": {"properties": {"status": {"enum": ["pass"]}}}}}}"#
        let found = try Self.violations(schema, #"{"findings": [{"status": "pass"}, {"status": "broken"}]}"#)

        #expect(found.map(\.path) == ["/findings/1/status"])
    }

    @Test
    func unsupportedKeywordRejected() throws {
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try Self.violations(#"{"uniqueItems": true}"#, "[]")
        }
    }

    @Test
    func unresolvedReferenceRejected() throws {
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try Self.violations(##"{"$ref": "#/$defs/Missing"}"##, "1")
        }
    }

    @Test
    func externalReferenceRejected() throws {
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try Self.violations(#"{"$ref": "https://example.invalid/schema.json"}"#, "1")
        }
    }
}
