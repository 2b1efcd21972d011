import Foundation

/// Settings from the `consent-doctor-emulator` command line.
public struct EmulatorOptions: Sendable, Equatable {
    public var tenantPath: String
    /// 0 picks a free port.
    public var port: UInt16 = 0
    public var faults: [FaultRule] = []
    public var authMode: Emulator.AuthMode = .required
    /// The file for log lines; nil means standard error.
    public var logPath: String?
    public var seed: UInt64 = 1
}

/// The action the command line requests.
public enum EmulatorCommand: Sendable, Equatable {
    case run(EmulatorOptions)
    case help
}

/// A command-line mistake, rendered as one sentence that names the fix.
public struct CommandLineError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// Parses the `consent-doctor-emulator` arguments. Options take their value as the next
/// argument or after `=`, as in `--port 8400` or `--port=8400`.
public enum EmulatorCommandLine {
    public static let usage = """
    Usage: consent-doctor-emulator --tenant FILE [--port N] [--fault SPEC]... [--auth required|optional] [--log FILE] [--seed N]

    Serves an emulated Microsoft Graph v1.0, Entra token service and managed-identity endpoint
    for one tenant on 127.0.0.1, for tests, demos and benchmarks. The first line on standard
    output is "listening on http://127.0.0.1:PORT".

    Options:
      --tenant FILE     Tenant file (JSON) with the directory, policies and identities to serve.
      --port N          TCP port on 127.0.0.1; 0 or absent picks a free port.
      --fault SPEC      Fault to inject, repeatable, such as throttle=3, latency=50ms,
                        unavailable=1,method=write,after=2 or page-size=1.
      --auth MODE       required (default): Graph requests need a bearer token.
                        optional: requests without a token act with full permissions.
      --log FILE        Write one line per request to FILE instead of standard error.
      --seed N          Seed for generated object ids, request ids and user codes (default 1).
      --help            Show this help.

    Control endpoints under /_emulator/ report the request count and log and the current state.
    docs/emulator.md describes the tenant file format and every fault.
    """

    /// Parses the arguments after the program name.
    ///
    /// - Throws: `CommandLineError` for unknown options, missing values and invalid values.
    public static func parse(_ arguments: [String]) throws -> EmulatorCommand {
        var tenantPath: String?
        var options = EmulatorOptions(tenantPath: "")
        var index = 0

        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                return .help
            }
            guard argument.hasPrefix("--") else {
                throw CommandLineError(description: "Unexpected argument '\(argument)'. Run with --help for the options.")
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inlineValue {
                    return inlineValue
                }
                guard index < arguments.count else {
                    throw CommandLineError(description: "The option \(name) needs a value. Run with --help for the options.")
                }
                defer { index += 1 }
                return arguments[index]
            }

            switch name {
            case "--tenant":
                tenantPath = try value()
            case "--port":
                let text = try value()
                guard let port = UInt16(text) else {
                    throw CommandLineError(description: "The port '\(text)' is invalid: give a number from 0 to 65535.")
                }
                options.port = port
            case "--fault":
                let text = try value()
                do {
                    options.faults.append(try FaultRule.parse(text))
                } catch let error as FaultSpecificationError {
                    throw CommandLineError(description: error.description)
                }
            case "--auth":
                let text = try value()
                guard let mode = Emulator.AuthMode(rawValue: text.lowercased()) else {
                    throw CommandLineError(description: "The auth mode '\(text)' is invalid: use 'required' or 'optional'.")
                }
                options.authMode = mode
            case "--log":
                options.logPath = try value()
            case "--seed":
                let text = try value()
                guard let seed = UInt64(text) else {
                    throw CommandLineError(description: "The seed '\(text)' is invalid: give a whole number of zero or more.")
                }
                options.seed = seed
            default:
                throw CommandLineError(description: "Unknown option '\(name)'. Run with --help for the options.")
            }
        }

        guard let tenantPath, !tenantPath.isEmpty else {
            throw CommandLineError(description: "The option --tenant FILE is required: name the tenant file to serve.")
        }
        options.tenantPath = tenantPath
        return .run(options)
    }
}
