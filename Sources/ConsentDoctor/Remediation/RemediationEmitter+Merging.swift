extension RemediationEmitter {
    /// Returns one plan with the steps of several, for `explain` on a paste with more than one
    /// error. Nil when `plans` is empty.
    ///
    /// Steps are grouped by the tenant they run in: each tenant's sign-in, then every step the
    /// plans need there, with exact repeats within that tenant left out. Tenants keep the order
    /// in which the plans first name them. Two errors from different tenants therefore give two
    /// sign-ins, each followed by its own steps, even when the steps are the same. The result
    /// keeps every distinct warning, and is state-aware only when every plan is.
    public static func merged(_ plans: [FixPlan]) -> FixPlan? {
        guard var result = plans.first else {
            return nil
        }

        var sections: [TenantSection] = []
        for plan in plans {
            var current: Int?
            for step in plan.steps {
                if step.kind == .signIn {
                    let index = TenantSection.index(for: step.tenant ?? plan.tenant, in: &sections)
                    sections[index].addSignIn(step)
                    current = index
                    continue
                }
                // A step before the plan's first sign-in runs in the plan's own tenant.
                let index = current ?? TenantSection.index(for: plan.tenant, in: &sections)
                current = index
                sections[index].add(step)
            }
        }
        result.steps = sections.flatMap(\.steps)

        for plan in plans.dropFirst() {
            for warning in plan.warnings where !result.warnings.contains(warning) {
                result.warnings.append(warning)
            }
            result.stateAware = result.stateAware && plan.stateAware
        }
        return result
    }
}

/// The steps of merged plans that run in one tenant: its sign-in first, when a plan has one.
private struct TenantSection {
    /// The tenant in lower case, because tenant ids and domain names ignore case. Nil when the
    /// plans do not name it.
    var key: String?
    var steps: [FixStep] = []

    /// Returns the index of the section for `tenant`, appending a new one when there is none.
    static func index(for tenant: String?, in sections: inout [TenantSection]) -> Int {
        let key = tenant?.lowercased()
        if let index = sections.firstIndex(where: { $0.key == key }) {
            return index
        }
        sections.append(TenantSection(key: key))
        return sections.count - 1
    }

    /// Puts the sign-in first, unless the section has one already.
    mutating func addSignIn(_ step: FixStep) {
        if !steps.contains(where: { $0.kind == .signIn }) {
            steps.insert(step, at: 0)
        }
    }

    mutating func add(_ step: FixStep) {
        if !steps.contains(step) {
            steps.append(step)
        }
    }
}
