extension TextRenderer {
    /// The width prose is wrapped to. Commands and URLs are never wrapped, so they stay copyable.
    static let diagnosisWidth = 100

    /// Renders `explain` reports: a headline, then one block per diagnosis, then the report's notes.
    ///
    /// Every string from the report passes through `ReportTextSanitizer`, so a control character,
    /// a zero-width space or a direction override in a pasted value shows as `[U+XXXX]` instead
    /// of hiding in the text or acting on the terminal.
    static func renderDiagnoses(_ report: Report, style: inout TextStyle) -> String {
        var lines: [String] = []
        let omitted = (report.omittedErrors ?? []).reduce(0) { $0 + $1.occurrences }
        let count = report.diagnoses.count
        if count == 0 {
            lines.append(style.bold("No recognisable sign-in error found."))
            lines.append("")
            lines += wrapped("The input holds no AADSTS code and none of the RedisInsight or Azure CLI errors the tool knows. Paste the whole error: the message, the JSON response, the redirect URL or the sign-in page.", indent: "")
        } else if omitted > 0 {
            let errors = count == 1 ? "1 sign-in error" : "\(count) sign-in errors"
            lines.append(style.bold("\(errors) diagnosed; \(ReadingNotes.grouped(omitted)) more were found and only counted (see Notes)."))
        } else {
            lines.append(style.bold(count == 1 ? "1 sign-in error found." : "\(count) sign-in errors found."))
        }

        for diagnosis in report.diagnoses {
            lines.append("")
            lines += block(for: diagnosis, style: style)
        }

        if !report.notes.isEmpty {
            lines.append("")
            lines.append(style.bold("Notes"))
            for note in report.notes {
                lines += wrapped(safe(note), indent: "  ", firstIndent: "- ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(for diagnosis: Diagnosis, style: TextStyle) -> [String] {
        var lines: [String] = []
        let code = diagnosis.values.code?.description
            ?? diagnosis.values.applicationErrorCode.map { "RedisInsight error \($0)" }
            ?? diagnosis.values.graphErrorCode.map(safe)
            ?? "No AADSTS code"
        let title = diagnosis.title.map { "  \(safe($0))" } ?? ""
        lines.append(style.bold("[\(diagnosis.index)] ") + style.red(style.bold(code)) + style.bold(title))

        if let fixer = diagnosis.fixedBy {
            lines.append("    Fixed by: \(fixer.phrase)")
        }
        var found = formName(diagnosis.form)
        if let line = diagnosis.line {
            found = "line \(line), " + found
        }
        if diagnosis.repeatCount > 1 {
            found += ", seen \(diagnosis.repeatCount) times"
        }
        lines.append("    Found in: \(found)")

        lines.append("")
        lines.append("    " + style.bold("What is wrong"))
        lines += wrapped(safe(diagnosis.summary), indent: "      ")

        let rows = valueRows(diagnosis.values)
        if !rows.isEmpty {
            lines.append("")
            lines.append("    " + style.bold("Values"))
            let width = rows.map(\.label.count).max() ?? 0
            for row in rows {
                let padding = String(repeating: " ", count: width - row.label.count + 2)
                let continuation = String(repeating: " ", count: 6 + width + 2)
                let valueLines = wrapLine(safe(row.value), width: diagnosisWidth - continuation.count)
                lines.append("      \(row.label)\(padding)\(valueLines.first ?? "")")
                lines += valueLines.dropFirst().map { continuation + $0 }
            }
        }

        if !diagnosis.cause.isEmpty {
            lines.append("")
            lines.append("    " + style.bold("Why"))
            lines += wrapped(safe(diagnosis.cause), indent: "      ")
        }

        if !diagnosis.remediation.isEmpty {
            lines.append("")
            lines.append("    " + style.bold("Steps"))
            for (offset, step) in diagnosis.remediation.enumerated() {
                let number = "\(offset + 1). "
                lines += wrapped(safe(step), indent: "      " + String(repeating: " ", count: number.count), firstIndent: "      " + number)
            }
        }

        if !diagnosis.commands.isEmpty {
            lines.append("")
            lines.append("    " + style.bold("Commands"))
            lines += diagnosis.commands.map { "      " + style.green(safe($0)) }
        }

        if let url = diagnosis.adminConsentURL {
            lines.append("")
            lines.append("    " + style.bold("Admin consent URL"))
            lines.append("      " + safe(url))
        }

        let notes = (diagnosis.plan?.warnings ?? []) + diagnosis.notes
        if !notes.isEmpty {
            lines.append("")
            lines.append("    " + style.bold("Notes"))
            for note in notes {
                lines += wrapped(safe(note), indent: "        ", firstIndent: "      - ")
            }
        }

        if let link = diagnosis.errorPageURL {
            lines.append("")
            lines.append("    More: " + style.blue(safe(link)))
        }
        return lines
    }

    /// Returns `text` on one line with every unsafe or invisible character shown as `[U+XXXX]`.
    private static func safe(_ text: String) -> String {
        ReportTextSanitizer.cleanSingleLine(text)
    }

    private struct ValueRow {
        var label: String
        var value: String
    }

    /// Returns the values of an error as rows. Ids and the redirect URI show each non-ASCII character as `[U+XXXX]`, and the message shows those characters the same way.
    private static func valueRows(_ values: ExtractedValues) -> [ValueRow] {
        var rows: [ValueRow] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty {
                rows.append(ValueRow(label: label, value: value))
            }
        }
        add("OAuth error", values.oauthError)
        add("Suberror", values.suberror)
        let marked = LookAlikeCharacters.marked
        add("Client app", joined(values.clientAppId.map(marked), values.clientName.map { "(\($0))" }))
        add("Resource", joined(values.resourceAppId.map(marked), values.resourceName.map { "(\($0))" }, values.resourceURI))
        add("Valid resources", values.validResources.isEmpty ? nil : values.validResources.joined(separator: ", "))
        add("Permission ids", values.requestedPermissionIds.isEmpty ? nil : marked(values.requestedPermissionIds.joined(separator: ", ")))
        add("Tenant", values.tenant.map(marked))
        add("User", joined(values.userPrincipalName, values.userObjectId.map(marked)))
        add("Redirect URI", values.redirectURI.map(marked))
        add("CA policies", values.conditionalAccessPolicyIds.isEmpty ? nil : marked(values.conditionalAccessPolicyIds.joined(separator: ", ")))
        add("App error code", values.applicationErrorCode.map(String.init))
        add("Graph error", values.graphErrorCode)
        add("Trace ID", values.traceId.map(marked))
        add("Correlation ID", values.correlationId.map(marked))
        add("Request ID", values.requestId.map(marked))
        add("Timestamp", values.timestamp)
        add("Error URI", values.errorURI)
        add("Message", values.message.map { LookAlikeCharacters.markedMessage($0, values: values) })
        return rows
    }

    private static func joined(_ parts: String?...) -> String? {
        let present = parts.compactMap { $0 }.filter { !$0.isEmpty }
        return present.isEmpty ? nil : present.joined(separator: " ")
    }

    /// Returns a readable name for a paste form.
    static func formName(_ form: PasteForm) -> String {
        switch form {
        case .plainText: "plain text"
        case .tokenEndpointJSON: "token endpoint JSON"
        case .redirectURL: "redirect URL"
        case .signInPageText: "sign-in page (copied text)"
        case .signInPageHTML: "sign-in page (saved HTML)"
        case .msal: "MSAL error"
        case .redisInsightToast: "RedisInsight notification"
        case .redisInsightLog: "RedisInsight log"
        case .azureCLI: "Azure CLI output"
        case .har: "HAR file"
        }
    }

    /// Wraps `text` to `diagnosisWidth`, starting the first line with `firstIndent` and the rest with `indent`.
    static func wrapped(_ text: String, indent: String, firstIndent: String? = nil) -> [String] {
        let first = firstIndent ?? indent
        let pieces = wrapLine(text, width: diagnosisWidth - max(first.count, indent.count))
        return pieces.enumerated().map { offset, piece in (offset == 0 ? first : indent) + piece }
    }

    /// Splits `text` into lines of at most `width` characters at spaces; a longer word gets its
    /// own line. Text in backticks counts as one word, so an inline command is never split.
    public static func wrapLine(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in words(of: text) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty {
            lines.append(current)
        }
        return lines.isEmpty ? [""] : lines
    }

    private static func words(of text: String) -> [String] {
        var words: [String] = []
        var inCode = false
        for piece in text.split(separator: " ", omittingEmptySubsequences: true) {
            if inCode, let last = words.last {
                words[words.count - 1] = last + " " + piece
            } else {
                words.append(String(piece))
            }
            if piece.filter({ $0 == "`" }).count % 2 == 1 {
                inCode.toggle()
            }
        }
        return words
    }
}
