extension AzOutputCollector {
    /// Reads an `ERROR:` line. The service principal errors name the appId that was looked up, and
    /// the privileges error applies to the command printed before it.
    mutating func collectError(_ message: String, command: AzCommandLine?, place: String) {
        if let subject = Self.missingSubject(in: message) {
            collectMissing(subject: subject, command: command, place: place)
            return
        }
        if message.localizedCaseInsensitiveContains("Insufficient privileges") {
            collectDenied(command: command, place: place)
            return
        }
        notes.append("\(place): az printed an error this reader does not recognise, so it was skipped: \(Self.shortened(message))")
    }

    /// Returns the quoted value of `Service principal '…' doesn't exist` or of the older
    /// `Resource '…' does not exist or one of its queried reference-property objects are not present.`
    static func missingSubject(in message: String) -> String? {
        let patterns: [(prefix: String, suffix: String)] = [
            ("Service principal '", "' doesn't exist"),
            ("Resource '", "' does not exist"),
        ]
        for pattern in patterns {
            guard let start = message.range(of: pattern.prefix),
                  let end = message.range(of: pattern.suffix, range: start.upperBound..<message.endIndex)
            else {
                continue
            }
            return String(message[start.upperBound..<end.lowerBound])
        }
        return nil
    }

    private mutating func collectMissing(subject: String, command: AzCommandLine?, place: String) {
        var appId = subject.lowercased()
        if !profileAppIds.contains(appId), let id = command?.idArgument?.lowercased(), profileAppIds.contains(id) {
            appId = id
        }
        guard profileAppIds.contains(appId) else {
            notes.append("\(place): az reported that \(Self.shortened(subject)) does not exist, which is not an appId \(profile.displayName) needs, so it was skipped.")
            return
        }
        servicePrincipals[appId] = .missing
        if command?.isListGrants == true {
            // list-grants looks up the client's service principal first and stops when it is absent.
            grantsSeen = true
        }
        recognizedCount += 1
    }

    private mutating func collectDenied(command: AzCommandLine?, place: String) {
        guard let command else {
            notes.append("\(place): az reported insufficient privileges, but the paste does not show which command, so it was skipped.")
            return
        }
        let failure = LookupFailure(
            kind: .permissionDenied,
            message: "az reported insufficient privileges for \(command.text).",
            httpStatus: 403,
            graphErrorCode: "Authorization_RequestDenied"
        )
        if command.isListGrants {
            grantsFailure = failure
            recognizedCount += 1
        } else if command.isServicePrincipalShow, let id = command.idArgument?.lowercased(), profileAppIds.contains(id) {
            servicePrincipals[id] = .unknown(failure)
            recognizedCount += 1
        } else {
            notes.append("\(place): az reported insufficient privileges for a command this reader does not use, so it was skipped.")
        }
    }

    /// Returns at most 200 characters of pasted text for a note.
    static func shortened(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(200)) + "…"
    }
}
