import Foundation
import TestSupport

/// A throwaway `AZURE_CONFIG_DIR` whose active cloud points every endpoint at the emulator.
///
/// The files are written by hand because `az cloud register` with a Resource Manager endpoint
/// fetches `/metadata/endpoints` first. `az login` cannot work here (MSAL needs an https
/// authority), and it is not needed: the Azure CLI sends no token to an `http://` Graph URL.
struct AzureCLIProfile {
    let folder: URL

    init(graphRoot: String) throws {
        folder = try PackagePaths.scratchFolder("azure-config")
        let root = graphRoot.hasSuffix("/") ? String(graphRoot.dropLast()) : graphRoot
        let clouds = """
            [Emulator]
            endpoint_management = \(root)/
            endpoint_resource_manager = \(root)/
            endpoint_active_directory = \(root)
            endpoint_active_directory_resource_id = \(root)/
            endpoint_active_directory_graph_resource_id = \(root)/
            endpoint_microsoft_graph_resource_id = \(root)/
            profile = latest

            """
        let config = """
            [cloud]
            name = Emulator

            [core]
            collect_telemetry = false

            """
        // azure-cli 2.91.0 reuses the version data in this file for a day after its update time
        // (azure/cli/core/util.py), so it does not look up newer versions on PyPI.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS"
        let versionCheck = #"{"versions": {}, "update_time": "\#(formatter.string(from: Date()))"}"#

        try Data(clouds.utf8).write(to: folder.appendingPathComponent("clouds.config"))
        try Data(config.utf8).write(to: folder.appendingPathComponent("config"))
        try Data(versionCheck.utf8).write(to: folder.appendingPathComponent("versionCheck.json"))
    }

    /// The variables for running `az` and the emitted scripts: the profile, no telemetry, no
    /// instance discovery, no survey, the login skipped, and the virtual environment first on PATH.
    var environment: [String: String] {
        [
            "AZURE_CONFIG_DIR": folder.path,
            "HOME": folder.path,
            "AZURE_CORE_COLLECT_TELEMETRY": "false",
            "AZURE_CORE_INSTANCE_DISCOVERY": "false",
            "AZURE_CORE_SURVEY_MESSAGE": "false",
            "SKIP_AZ_LOGIN": "1",
            "PATH": AzureCLIInstallation.folder.appendingPathComponent("bin").path + ":/usr/bin:/bin",
        ]
    }
}
