import Foundation

/// Locations inside the package checkout, found from this source file's path so tests work
/// from any working directory.
public enum PackagePaths {
    /// The package root: the folder that holds Package.swift.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Fixtures folder.
    public static let fixtures = root.appendingPathComponent("Fixtures")

    /// Returns a file under Fixtures, such as `fixture("pastes/01-ri-desktop-log-650057.txt")`.
    public static func fixture(_ relativePath: String) -> URL {
        fixtures.appendingPathComponent(relativePath)
    }

    /// Returns the text of a file under Fixtures.
    public static func fixtureText(_ relativePath: String) throws -> String {
        try String(contentsOf: fixture(relativePath), encoding: .utf8)
    }

    /// The folder with the built executables: `CONSENT_DOCTOR_BIN_DIR` when set, otherwise the
    /// folder that holds the running test bundle, which is where `swift build` puts them.
    public static let binaries: URL = {
        if let configured = ProcessInfo.processInfo.environment["CONSENT_DOCTOR_BIN_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBundle.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("consent-doctor").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }()

    /// Returns the path of a built executable, such as `consent-doctor`.
    public static func binary(_ name: String) -> URL {
        binaries.appendingPathComponent(name)
    }

    /// A fresh scratch folder under `.build/test-scratch`, removed by nothing: `.build` is disposable.
    public static func scratchFolder(_ name: String) throws -> URL {
        let folder = root.appendingPathComponent(".build/test-scratch/\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
