import Foundation
import TestSupport

/// Runs headless Chromium on local report files, with a throwaway profile, a hard time limit and
/// name resolution and proxying set so that it cannot reach any host.
enum HeadlessChromium {
    /// The Chromium binary: `$CHROMIUM` when set, otherwise the first of the usual Debian paths.
    static let executable: URL? = {
        var candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        if let configured = ProcessInfo.processInfo.environment["CHROMIUM"], !configured.isEmpty {
            candidates.insert(configured, at: 0)
        }
        return candidates
            .first { FileManager.default.isExecutableFile(atPath: $0) }
            .map { URL(fileURLWithPath: $0) }
    }()

    /// The maximum time in seconds one Chromium run may take before `timeout` kills its process
    /// group. A report page takes about a second on a 2-core test machine, so only a hung browser
    /// reaches it.
    static let timeLimitSeconds = 60

    /// The folder for rendered pages, screenshots and profiles.
    static let outputFolder = PackagePaths.root.appendingPathComponent(".build/reports")

    struct RunError: Error, CustomStringConvertible {
        var status: Int32
        var standardError: String

        var description: String {
            "Chromium exited with status \(status) (124 or 137 means it hit the \(HeadlessChromium.timeLimitSeconds) s limit). Its standard error ends with: \(standardError.suffix(600))"
        }
    }

    /// Saves a PNG screenshot of `page` at `screenshot`.
    static func screenshot(of page: URL, to screenshot: URL, width: Int = 1200, height: Int = 1600) throws {
        _ = try run([
            "--screenshot=\(screenshot.path)",
            "--window-size=\(width),\(height)",
            "--hide-scrollbars",
            page.absoluteString,
        ])
    }

    /// Returns the DOM of `page` after Chromium parsed it, serialised as HTML.
    static func dumpDOM(of page: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString]).standardOutput
    }

    private static func run(_ arguments: [String]) throws -> ProcessResult {
        guard let executable else {
            throw RunError(status: -1, standardError: "Chromium is not installed.")
        }
        let profile = outputFolder.appendingPathComponent("chromium-profile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }

        let chromiumArguments = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--user-data-dir=\(profile.path)",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            // Any request Chromium makes on its own fails before it leaves the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
        ] + arguments

        // `timeout` runs Chromium in its own process group and kills the whole group, helpers included.
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["--kill-after=5", String(timeLimitSeconds), executable.path] + chromiumArguments,
            environment: ["HOME": profile.path]
        )
        guard result.status == 0 else {
            throw RunError(status: result.status, standardError: result.standardError)
        }
        return result
    }
}
