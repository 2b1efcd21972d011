extension Diagnoser {
    /// 50011: the redirect URI is not registered. For an app with redirect rules (RedisInsight),
    /// names what is wrong with the URI and how to reach the app through a registered address.
    static func redirectURIDraft(_ context: ErrorContext) -> RemediationDraft {
        let explanation = CodeExplanations.explanation(for: .invalidReplyTo)
        let uri = context.values.redirectURI
        // A registered redirect URI is ASCII, so a look-alike character is shown as its code point.
        let quotedURI = uri.map { "'\(LookAlikeCharacters.marked($0))'" }
        let client = context.client.label(fallback: "The app")

        guard let profile = context.profile, let rules = profile.redirectRules else {
            var steps = explanation?.advice ?? []
            steps.append("A tenant administrator cannot change the registration of an app another organisation owns; its owner or its configuration must change.")
            return RemediationDraft(
                summary: "\(client) sent the redirect URI \(quotedURI ?? "in its request"), which its registration does not list.",
                cause: explanation?.cause ?? "",
                steps: steps
            )
        }

        let analysis = uri.map { RedirectURIAnalysis.analyse($0, rules: rules) }
        var summary = "\(client) sent the redirect URI \(quotedURI ?? "in its request"), which its registration does not list"
        if let problems = analysis?.problems, !problems.isEmpty {
            summary += ": " + problems.joined(separator: "; ")
        }
        summary += "."

        let port = analysis?.port ?? rules.defaultPort
        let local = "http://\(rules.allowedHost):\(port)"
        let ports = RedirectURIAnalysis.portList(rules.allowedPorts)
        var cause = explanation?.cause ?? ""
        if profile.registrationOwnedByVendor {
            cause += " \(profile.displayName)'s registration belongs to its vendor, so nobody in the tenant can add a redirect URI to it. It lists only http://\(rules.allowedHost) on ports \(ports) with the path \(rules.callbackPath)"
            cause += rules.desktopRedirectURI.map { ", and \($0) for the desktop app." } ?? "."
        }

        var steps = ["Open \(profile.displayName) in the browser at \(local), not through an IP address, another host name or a proxy."]
        if let portVariable = rules.portVariable {
            steps.append("In Docker, publish the container on a registered port on the same host port, for example `-p \(port):\(port)`; if the app listens on a port other than \(rules.defaultPort), set \(portVariable) to that port (one of \(ports)).")
        }
        if let externalVariable = rules.externalURLVariable {
            steps.append("If \(externalVariable) is set, set it to \(local) or remove it: the app builds its redirect URI from it, so it must not name a server, an IP address or a proxy.")
        }
        var extraCommands: [String] = []
        if let host = analysis?.remoteHost {
            let tunnel = ShellQuoting.commandLine(["ssh", "-L", "\(port):localhost:\(port)", "<user>@\(host)"])
            steps.append("When \(profile.displayName) runs on another machine (\(host)), reach it through an SSH tunnel so the browser still uses localhost: run the ssh command below on your own computer, then open \(local).")
            extraCommands.append(tunnel)
        } else {
            steps.append("When \(profile.displayName) runs on another machine, reach it through an SSH tunnel so the browser still uses localhost, for example `ssh -L \(port):localhost:\(port) <user>@<host>`, then open \(local).")
        }
        steps.append("Adding \(quotedURI ?? "the URI") to the registration is not possible, because \(profile.displayName)'s vendor owns it.")

        return RemediationDraft(summary: summary, cause: cause, steps: steps, extraCommands: extraCommands, fixedBy: .user)
    }
}
