import Testing
@testable import GraphEmulator

struct CommandLineTests {
    @Test func minimalArguments() throws {
        let command = try EmulatorCommandLine.parse(["--tenant", "t.json"])
        #expect(command == .run(EmulatorOptions(tenantPath: "t.json")))
    }

    @Test func everyOption() throws {
        let command = try EmulatorCommandLine.parse([
            "--tenant=t.json", "--port", "8400", "--fault", "throttle=2", "--fault=latency=5ms", "--auth", "optional", "--log", "/tmp/x.log", "--seed", "7",
        ])
        guard case .run(let options) = command else {
            Issue.record("expected run, got \(command)")
            return
        }
        #expect(options.tenantPath == "t.json")
        #expect(options.port == 8400)
        #expect(options.faults.map(\.specification) == ["throttle=2", "latency=5ms"])
        #expect(options.authMode == .optional)
        #expect(options.logPath == "/tmp/x.log")
        #expect(options.seed == 7)
    }

    @Test func helpWins() throws {
        #expect(try EmulatorCommandLine.parse(["--port", "1", "--help"]) == .help)
    }

    @Test(arguments: [
        (["--port", "1"], "The option --tenant FILE is required"),
        (["--tenant"], "The option --tenant needs a value"),
        (["--tenant", "t", "--port", "70000"], "The port '70000' is invalid"),
        (["--tenant", "t", "--auth", "maybe"], "The auth mode 'maybe' is invalid"),
        (["--tenant", "t", "--fault", "boom"], "Invalid fault 'boom'"),
        (["--tenant", "t", "--verbose"], "Unknown option '--verbose'"),
        (["--tenant", "t", "extra"], "Unexpected argument 'extra'"),
        (["--tenant", "t", "--seed", "-1"], "The seed '-1' is invalid"),
    ])
    func invalidArguments(arguments: [String], message: String) {
        do {
            _ = try EmulatorCommandLine.parse(arguments)
            Issue.record("\(arguments) parsed")
        } catch let error as CommandLineError {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func usageNamesEveryOption() {
        for option in ["--tenant", "--port", "--fault", "--auth", "--log", "--seed", "--help"] {
            #expect(EmulatorCommandLine.usage.contains(option), "\(option)")
        }
    }
}
