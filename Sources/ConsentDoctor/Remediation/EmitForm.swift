/// A form in which `--emit` renders a fix plan for an admin to run by hand.
public enum EmitForm: String, CaseIterable, Codable, Sendable {
    /// A bash script of Azure CLI commands.
    case az
    /// A Microsoft Graph PowerShell script.
    case powershell
    /// A bash script of `az rest` calls with exact Graph URLs and JSON bodies.
    case rest
    /// The admin consent URL, for admins who prefer the browser.
    case url

    /// Returns the form named by a command-line value, ignoring case; `pwsh` also means PowerShell.
    public init?(argument: String) {
        let name = argument.lowercased()
        if name == "pwsh" {
            self = .powershell
            return
        }
        self.init(rawValue: name)
    }
}
