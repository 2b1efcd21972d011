/// One option a command accepts.
struct OptionSpec: Sendable {
    /// Every spelling, long form first, such as `["--format", "-f"]`.
    var names: [String]
    /// The value's placeholder in help, such as `FORMAT`; nil for a flag that takes no value.
    var valueName: String?
    var help: String
    /// Whether the option may be given more than once, collecting every value.
    var repeatable: Bool = false

    var primaryName: String { names[0] }
}

/// The options, arguments and help of one command.
struct CommandSpec: Sendable {
    var name: String
    /// One line for the command list.
    var abstract: String
    /// Usage lines without the tool name, such as `explain [FILE|-] [options]`.
    var usage: [String]
    /// Paragraphs shown after the usage lines.
    var discussion: String
    var options: [OptionSpec]
    /// The most positional arguments the command accepts.
    var maximumPositionals: Int
}

/// The arguments of one command after parsing.
struct ParsedArguments: Sendable {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Returns the last value given for an option, by its primary name.
    func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Returns every value given for a repeatable option, in order.
    func allValues(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Returns whether a flag or an option was given.
    func has(_ name: String) -> Bool {
        flags.contains(name) || values[name] != nil
    }

    mutating func addValue(_ value: String, for name: String) {
        values[name, default: []].append(value)
    }

    mutating func addFlag(_ name: String) {
        flags.insert(name)
    }

    mutating func addPositional(_ value: String) {
        positionals.append(value)
    }
}

/// A command-line mistake. The message says what was wrong and how to fix it.
struct UsageError: Error, Sendable {
    var message: String
}

/// Parses GNU-style options: `--name value`, `--name=value`, flags, and `--` to end options.
/// A lone `-` is a positional argument meaning standard input.
enum ArgumentParser {
    static let helpNames: Set<String> = ["--help", "-h"]

    /// Parses `arguments` (without the tool and command names) against `spec`.
    ///
    /// - Throws: `UsageError` for an unknown option, a missing value, a repeated single-value
    ///   option or too many positional arguments.
    static func parse(_ arguments: [String], spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false

        while index < arguments.count {
            let argument = arguments[index]
            index += 1

            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.addPositional(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if helpNames.contains(argument) {
                parsed.addFlag("--help")
                continue
            }

            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }

            guard let option = spec.options.first(where: { $0.names.contains(name) }) else {
                throw UsageError(message: "unknown option '\(name)' for '\(spec.name)'.\(suggestion(for: name, in: spec))")
            }

            guard option.valueName != nil else {
                if inlineValue != nil {
                    throw UsageError(message: "option '\(name)' takes no value.")
                }
                parsed.addFlag(option.primaryName)
                continue
            }

            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError(message: "option '\(name)' needs a value (\(option.valueName ?? "VALUE")).")
            }

            if !option.repeatable && parsed.value(option.primaryName) != nil {
                throw UsageError(message: "option '\(name)' was given more than once.")
            }
            parsed.addValue(value, for: option.primaryName)
        }

        if parsed.positionals.count > spec.maximumPositionals && !parsed.has("--help") {
            let extra = parsed.positionals[spec.maximumPositionals]
            throw UsageError(message: "unexpected argument '\(extra)' for '\(spec.name)'.")
        }
        return parsed
    }

    /// Returns " Did you mean '--x'?" for the closest option name, or an empty string.
    private static func suggestion(for name: String, in spec: CommandSpec) -> String {
        let candidates = spec.options.flatMap(\.names).filter { $0.hasPrefix("--") }
        let stripped = name.drop { $0 == "-" }
        if let match = candidates.first(where: { $0.dropFirst(2).hasPrefix(stripped) && !stripped.isEmpty }) {
            return " Did you mean '\(match)'?"
        }
        return ""
    }
}
