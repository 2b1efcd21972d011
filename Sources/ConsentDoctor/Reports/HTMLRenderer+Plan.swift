extension HTMLRenderer {
    /// Returns a section with the command lines in one `pre` block, so they copy as a whole, or
    /// nil when there are no lines.
    static func commandsSection(title: String, lines: [String]) -> HTMLNode? {
        guard !lines.isEmpty else {
            return nil
        }
        return .tag(.section, classes: [.commands], attributes: [HTMLAttribute(.id, "commands")], [
            .tag(.h2, text: title),
            commandBlock(lines),
        ])
    }

    /// Returns the command lines as `pre` > `code`, one line each.
    static func commandBlock(_ lines: [String]) -> HTMLNode {
        .tag(.pre, classes: [.commands], [.tag(.code, text: lines.joined(separator: "\n"))])
    }

    /// Returns the plan's steps and its warnings, for `check` and `fix`.
    static func planSections(_ plan: FixPlan) -> [HTMLNode] {
        var sections: [HTMLNode] = []
        let changes = plan.steps.filter { $0.kind != .signIn }

        var planChildren: [HTMLNode] = [.tag(.h2, text: "Plan")]
        if changes.isEmpty {
            planChildren.append(.tag(.p, text: "Nothing to change."))
        } else {
            planChildren.append(stepList(plan.steps))
        }
        planChildren.append(.tag(.p, classes: [.muted], text: planBasis(plan)))
        sections.append(.tag(.section, classes: [.plan], attributes: [HTMLAttribute(.id, "plan")], planChildren))

        if let warnings = listSection(title: "Warnings", classes: [.warnings], items: plan.warnings) {
            sections.append(warnings)
        }
        return sections
    }

    /// Returns the steps as an ordered list: a title, the reason, and what a grant step changes.
    static func stepList(_ steps: [FixStep]) -> HTMLNode {
        let items = steps.map { step in
            var children: [HTMLNode] = [
                .tag(.strong, text: ReportLabels.stepTitle(step)),
                .tag(.div, text: step.reason),
            ]
            if step.kind == .createGrant || step.kind == .extendGrant {
                children.append(.tag(.div, classes: [.muted], text: scopeChange(step)))
            }
            if step.perUserGrantCount > 0 {
                children.append(.tag(.div, text: "Per-user grants between this client and resource: \(step.perUserGrantCount)."))
            }
            return HTMLNode.tag(.li, children)
        }
        return .tag(.ol, items)
    }

    static func planBasis(_ plan: FixPlan) -> String {
        if plan.stateAware {
            return "Computed from the tenant's current state for client appId \(plan.clientAppId) on \(plan.cloud)."
        }
        return "Computed from the error message alone for client appId \(plan.clientAppId) on \(plan.cloud), so existing grants are not known."
    }

    private static func scopeChange(_ step: FixStep) -> String {
        func list(_ scopes: [String]) -> String {
            scopes.isEmpty ? "none" : scopes.joined(separator: " ")
        }
        return "Existing scopes: \(list(step.existingScopes)). Required: \(list(step.requiredScopes)). After: \(list(step.scopesAfter))."
    }
}
