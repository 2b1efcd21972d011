/// Renders a fix plan in one of the `--emit` forms: an az script, a Microsoft Graph PowerShell
/// script, an `az rest` script or the admin consent URL. Pure: the same plan gives the same text.
///
/// Every value is validated again before it is written (see `ScriptPlan`) and quoted for the
/// script's language. Text that comes from a paste or from Graph, such as a display name, appears
/// only inside comments, cleaned so that it cannot end the comment line.
public enum RemediationEmitter {
    /// Returns the lines of the artefact, without line ends.
    ///
    /// - Parameters:
    ///   - graphRoot: The Graph root to put in `az rest` URLs when the tool read another one than
    ///     the cloud's, such as `http://127.0.0.1:8445` for the emulator. Nil means the cloud's.
    ///   - omittedErrors: The errors of the input that were only counted, which the plan does not
    ///     cover. The script forms warn about them in their header, but the URL form has no comments.
    public static func lines(for plan: FixPlan, form: EmitForm, graphRoot: String? = nil, omittedErrors: [OmittedErrorCount] = []) -> [String] {
        let prepared = ScriptPlan(plan: plan, graphRoot: graphRoot, omittedErrors: omittedErrors)
        switch form {
        case .az:
            return AzScriptEmitter.lines(prepared)
        case .powershell:
            return PowerShellScriptEmitter.lines(prepared)
        case .rest:
            return RestScriptEmitter.lines(prepared)
        case .url:
            return AdminConsentURLEmitter.lines(prepared)
        }
    }

    /// Returns the artefact as text with a line end after every line, or an empty string.
    public static func text(for plan: FixPlan, form: EmitForm, graphRoot: String? = nil, omittedErrors: [OmittedErrorCount] = []) -> String {
        let lines = lines(for: plan, form: form, graphRoot: graphRoot, omittedErrors: omittedErrors)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
