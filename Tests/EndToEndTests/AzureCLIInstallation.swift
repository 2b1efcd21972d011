import Foundation
import TestSupport

/// The Azure CLI from PyPI, installed once into a virtual environment under `.build/` and
/// reused by later runs.
///
/// The first run needs `python3` with the `venv` module and access to PyPI; the install took
/// about 5 minutes and 733 MB on the CI machine kind (2 cores). Nothing else in the tests
/// reaches the network.
enum AzureCLIInstallation {
    /// The version the tests pin, so every machine runs the same commands.
    static let version = "2.91.0"

    /// The virtual environment, such as `.build/azure-cli`.
    static let folder = PackagePaths.root.appendingPathComponent(".build/azure-cli")

    /// The file written after a complete install, naming the version.
    static let marker = folder.appendingPathComponent("consent-doctor-installed-\(version)")

    static var az: URL {
        folder.appendingPathComponent("bin/az")
    }

    static var python: URL {
        folder.appendingPathComponent("bin/python")
    }

    /// The outcome of preparing the install, computed once per test process.
    static let prepared: Result<URL, InstallError> = prepare()

    struct InstallError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reuses the install when its marker exists, otherwise creates the virtual environment and
    /// runs pip, printing progress on standard error.
    private static func prepare() -> Result<URL, InstallError> {
        let files = FileManager.default
        if files.fileExists(atPath: marker.path) && files.isExecutableFile(atPath: az.path) {
            return .success(az)
        }

        let started = Date()
        progress("Installing azure-cli \(version) from PyPI into \(folder.path). This runs once and takes about 5 minutes; later runs reuse it.")
        try? files.removeItem(at: folder)
        do {
            try runShowingOutput(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", folder.path])
            try runShowingOutput(folder.appendingPathComponent("bin/pip"), [
                "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "azure-cli==\(version)",
            ])
            try Data(version.utf8).write(to: marker)
        } catch let error as InstallError {
            return .failure(error)
        } catch {
            return .failure(InstallError(description: "\(error)"))
        }
        progress("Installed azure-cli \(version) in \(Int(Date().timeIntervalSince(started))) s.")
        return .success(az)
    }

    /// Runs a program with its output on this process's standard error, so the install shows
    /// its progress while it runs.
    private static func runShowingOutput(_ program: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw InstallError(description: "cannot start \(program.path): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InstallError(description: "\(program.lastPathComponent) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("[azure-cli] \(message)\n".utf8))
    }
}
