@testable import ConsentDoctor

/// Reports built by hand for renderer tests, one per command and verdict, plus a hostile one.
///
/// The values are fixed so golden files stay stable: the commands and code-table rows are written
/// out here, not computed by the code that builds real reports.
enum SampleReports {
    static let generatedAt = "2026-12-04T20:17:05Z"
    static let tenant = "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"
    static let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    static let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let resourceManagerAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// Every sample with the file name its golden files use.
    static let all: [(name: String, report: Report)] = [
        ("explain-three-errors", explain),
        ("explain-no-error", explainNoError),
        ("check-healthy", checkHealthy),
        ("check-problems", checkProblems),
        ("check-incomplete", checkIncomplete),
        ("fix-writes", fixWrites),
        ("hostile-check", HostileReports.check),
        ("hostile-explain", HostileReports.explain),
    ]

    // MARK: - explain

    static let explain = Report(
        command: .explain,
        generatedAt: generatedAt,
        cloud: "AzureCloud",
        profileId: "redisinsight",
        verdict: Verdict(status: .diagnosed),
        diagnoses: [invalidResource, missingServicePrincipal, redirectMismatch]
    )

    static let explainNoError = Report(
        command: .explain,
        generatedAt: generatedAt,
        cloud: "AzureCloud",
        verdict: Verdict(status: .noErrorFound),
        notes: ["The input looked like a RedisInsight log, but none of its lines carried an AADSTS code."]
    )

    static let invalidResource = Diagnosis(
        index: 1,
        form: .redisInsightLog,
        line: 1,
        values: ExtractedValues(
            code: .invalidResource,
            oauthError: "invalid_client",
            clientAppId: clientAppId,
            clientName: "Redis Insight",
            resourceAppId: redisAppId,
            resourceURI: "https://redis.azure.com",
            validResources: [graphAppId],
            traceId: "5b0e3c1a-9f7d-4e21-8a66-0c4d2b7e9100",
            correlationId: "8d2f4a61-3b5c-47e9-a0d8-61c9f3e2b7a4",
            timestamp: "2026-11-18 09:14:02Z"
        ),
        codeEntry: CodeEntry(code: .invalidResource, name: nil, category: .appRegistration, fixedBy: .appDeveloper),
        errorPageURL: "https://login.microsoftonline.com/error?code=650057",
        profileId: "redisinsight",
        summary: "Redis Insight asked for a token for Azure Cache for Redis, which its registration does not list, and no administrator has granted it in this tenant.",
        cause: "The Redis Insight registration lists only Microsoft Graph. Every other resource it calls needs a tenant-wide delegated grant that an administrator creates once per tenant.",
        remediation: [
            "Sign in with the Azure CLI as a Cloud Application Administrator of the user's home tenant.",
            "Create the service principals that are missing.",
            "Grant user_impersonation on Azure Cache for Redis and Azure Resource Manager to all users.",
        ],
        commands: [
            "az login --tenant '<tenant-id>'",
            "az ad sp create --id \(clientAppId)",
            "az ad app permission grant --id \(clientAppId) --api \(redisAppId) --scope user_impersonation",
        ],
        fixedBy: .tenantAdmin,
        plan: FixPlan(
            tenant: nil,
            cloud: "AzureCloud",
            clientAppId: clientAppId,
            stateAware: false,
            steps: [],
            warnings: ["The grant command replaces every existing grant between Redis Insight and the Redis API, including per-user grants. Run check first to see them."]
        )
    )

    static let missingServicePrincipal = Diagnosis(
        index: 2,
        form: .redisInsightToast,
        values: ExtractedValues(
            code: .servicePrincipalMissingForResource,
            resourceAppId: redisAppId,
            resourceName: "AzureRedisCacheAadApp",
            tenant: tenant,
            traceId: "1e9a7c34-6d2b-4f80-b5e1-93a0c8d7f612",
            correlationId: "0b6d8e2f-a4c1-4d37-9e58-f12a7b3c9d04",
            timestamp: "2026-10-02 16:41:55Z"
        ),
        codeEntry: CodeEntry(code: .servicePrincipalMissingForResource, name: nil, category: .servicePrincipal, fixedBy: .tenantAdmin),
        errorPageURL: "https://login.microsoftonline.com/error?code=650052",
        profileId: "redisinsight",
        summary: "Tenant \(tenant) has no service principal for AzureRedisCacheAadApp.",
        cause: "A tenant can only grant access to an API that has a service principal in it. The tenant named in the error is the one that issued the token, usually the user's home tenant.",
        remediation: ["Create the service principal for AzureRedisCacheAadApp in the tenant the error names, then grant consent."],
        commands: [
            "az login --tenant \(tenant)",
            "az ad sp create --id \(redisAppId)",
        ],
        fixedBy: .tenantAdmin
    )

    static let redirectMismatch = Diagnosis(
        index: 3,
        form: .signInPageText,
        line: 4,
        values: ExtractedValues(
            code: .invalidReplyTo,
            clientAppId: clientAppId,
            redirectURI: "http://10.20.30.40:5540/api/azure/auth/callback",
            correlationId: "b7e02a4c-9d16-4f38-a5c1-82e6d0f3b9a7",
            requestId: "3d8c1f5a-0b27-4e96-8a4d-c5f2e7b19063",
            timestamp: "2026-11-21T10:55:31.604Z"
        ),
        codeEntry: CodeEntry(code: .invalidReplyTo, name: "InvalidReplyTo", category: .redirectURI, fixedBy: .appDeveloper),
        errorPageURL: "https://login.microsoftonline.com/error?code=50011",
        profileId: "redisinsight",
        summary: "Redis Insight sent a redirect URI on a server IP address, which its registration does not accept.",
        cause: "The registration accepts http://localhost on ports 5540 and 8000 to 8005 only. A server IP, a custom domain or a reverse proxy URL is rejected.",
        remediation: [
            "Open Redis Insight through http://localhost:5540, using an SSH tunnel when it runs on a remote host.",
        ],
        commands: ["ssh -L 5540:localhost:5540 user@10.20.30.40"],
        fixedBy: .user
    )

    // MARK: - check

    static let checkHealthy = Report(
        command: .check,
        generatedAt: generatedAt,
        tenant: tenant,
        cloud: "AzureCloud",
        profileId: "redisinsight",
        verdict: Verdict.forFindings(healthyFindings),
        findings: healthyFindings,
        plan: FixPlan(tenant: tenant, cloud: "AzureCloud", clientAppId: clientAppId, stateAware: true, steps: []),
        requests: [
            GraphRequestRecord(method: "POST", path: "/$batch", status: 200, requestId: "4f1c2b7e-8a90-4d3e-b6c5-1a2b3c4d5e6f"),
        ]
    )

    static let healthyFindings: [Finding] = [
        Finding(
            id: "service-principal.client",
            title: "Service principal for Redis Insight",
            status: .pass,
            detail: "The service principal exists and is enabled.",
            evidence: [Evidence(label: "service principal object id", value: "2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c")]
        ),
        Finding(
            id: "service-principal.redis-api",
            title: "Service principal for AzureRedisCacheAadApp",
            status: .pass,
            detail: "The service principal exists and is enabled.",
            evidence: [Evidence(label: "service principal object id", value: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d")]
        ),
        Finding(
            id: "grant.redis-api",
            title: "Admin consent for Azure Cache for Redis",
            status: .pass,
            detail: "An AllPrincipals grant carries user_impersonation.",
            evidence: [Evidence(label: "oauth2PermissionGrant id", value: "LYr3YdQqMkO6GsBW5M8P0Lu7CnCr1AlAgfE3_j9taHg")]
        ),
        Finding(
            id: "policy.user-consent",
            title: "User consent policy",
            status: .info,
            detail: "Users cannot consent to apps themselves, so every new resource needs an administrator."
        ),
        Finding(
            id: "redirect.registration",
            title: "Redirect URIs for Docker deployments",
            status: .warning,
            detail: "Only http://localhost on ports 5540 and 8000 to 8005 is registered. Users who open Redis Insight through another host name will see AADSTS50011.",
            relatedCodes: [.invalidReplyTo]
        ),
    ]

    static let checkProblems: Report = {
        let findings: [Finding] = [
            Finding(
                id: "service-principal.client",
                title: "Service principal for Redis Insight",
                status: .pass,
                detail: "The service principal exists and is enabled.",
                evidence: [Evidence(label: "service principal object id", value: "2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c")]
            ),
            Finding(
                id: "service-principal.redis-api",
                title: "Service principal for AzureRedisCacheAadApp",
                status: .fail,
                detail: "The tenant has no service principal for AzureRedisCacheAadApp, so sign-in fails with AADSTS650052.",
                evidence: [Evidence(label: "Graph request-id", value: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")],
                relatedCodes: [.servicePrincipalMissingForResource]
            ),
            Finding(
                id: "grant.resource-manager",
                title: "Admin consent for Azure Resource Manager",
                status: .fail,
                detail: "The AllPrincipals grant on Azure Resource Manager lacks user_impersonation, so autodiscovery fails after sign-in.",
                evidence: [
                    Evidence(label: "oauth2PermissionGrant id", value: "LYr3YdQqMkO6GsBW5M8P0Ea5NrGSdUlHvt3xkvP-FbE"),
                    Evidence(label: "scope", value: "openid profile"),
                ],
                relatedCodes: [.invalidResource, .noMatchingEntitlements]
            ),
            Finding(
                id: "grant.per-user",
                title: "Per-user grants",
                status: .info,
                detail: "2 users consented for themselves. The az grant command deletes their grants, which the plan keeps by merging scopes."
            ),
        ]
        let plan = FixPlan(
            tenant: tenant,
            cloud: "AzureCloud",
            clientAppId: clientAppId,
            stateAware: true,
            steps: [
                FixStep(kind: .signIn, reason: "Changes must be made in the tenant that issues the tokens.", tenant: tenant),
                FixStep(
                    kind: .createServicePrincipal,
                    reason: "Consent can only name an API that has a service principal in the tenant.",
                    appId: redisAppId,
                    displayName: "AzureRedisCacheAadApp"
                ),
                FixStep(
                    kind: .extendGrant,
                    reason: "Autodiscovery needs user_impersonation on Azure Resource Manager.",
                    clientAppId: clientAppId,
                    resourceAppId: resourceManagerAppId,
                    resourceDisplayName: "Windows Azure Service Management API",
                    grantId: "LYr3YdQqMkO6GsBW5M8P0Ea5NrGSdUlHvt3xkvP-FbE",
                    existingScopes: ["openid", "profile"],
                    requiredScopes: ["user_impersonation"],
                    scopesAfter: ["openid", "profile", "user_impersonation"],
                    perUserGrantCount: 2
                ),
            ],
            warnings: ["2 per-user grants between Redis Insight and Azure Resource Manager will be deleted by az ad app permission grant. Their scopes are kept in the new grant."]
        )
        return Report(
            command: .check,
            generatedAt: generatedAt,
            tenant: tenant,
            cloud: "AzureCloud",
            profileId: "redisinsight",
            verdict: Verdict.forFindings(findings),
            findings: findings,
            plan: plan,
            commands: [
                "az login --tenant \(tenant)",
                "az ad sp create --id \(redisAppId)",
                "az ad app permission grant --id \(clientAppId) --api \(resourceManagerAppId) --scope openid profile user_impersonation",
            ],
            requests: [
                GraphRequestRecord(method: "POST", path: "/$batch", status: 200, requestId: "4f1c2b7e-8a90-4d3e-b6c5-1a2b3c4d5e6f"),
                GraphRequestRecord(method: "GET", path: "/servicePrincipals?$filter=appId eq '\(redisAppId)'", status: 200, requestId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"),
            ]
        )
    }()

    static let checkIncomplete: Report = {
        let findings: [Finding] = [
            Finding(
                id: "service-principal.client",
                title: "Service principal for Redis Insight",
                status: .pass,
                detail: "The service principal exists and is enabled.",
                evidence: [Evidence(label: "service principal object id", value: "2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c")]
            ),
            Finding(
                id: "grant.redis-api",
                title: "Admin consent for Azure Cache for Redis",
                status: .unknown,
                detail: "The grants could not be read.",
                reason: "Graph returned 403 Authorization_RequestDenied. Sign in with a role that can read grants, such as Global Reader or Cloud Application Administrator, and run check again.",
                evidence: [Evidence(label: "Graph request-id", value: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")]
            ),
            Finding(
                id: "policy.admin-consent-workflow",
                title: "Admin consent workflow",
                status: .unknown,
                detail: "The admin consent request policy could not be read.",
                reason: "The request timed out after 3 attempts. Run check again, or pass --timeout with a larger value."
            ),
        ]
        return Report(
            command: .check,
            generatedAt: generatedAt,
            tenant: "contoso.onmicrosoft.com",
            cloud: "AzureUSGovernment",
            profileId: "redisinsight",
            verdict: Verdict.forFindings(findings),
            findings: findings,
            notes: ["Grants were not read, so the plan may be missing steps."],
            requests: [
                GraphRequestRecord(method: "GET", path: "/oauth2PermissionGrants?$filter=clientId eq '2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c'", status: 403, requestId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
                GraphRequestRecord(method: "GET", path: "/policies/adminConsentRequestPolicy", status: nil, requestId: nil),
            ]
        )
    }()

    // MARK: - fix

    static let fixWrites: Report = {
        let createRedis = FixStep(
            kind: .createServicePrincipal,
            reason: "Consent can only name an API that has a service principal in the tenant.",
            appId: redisAppId,
            displayName: "AzureRedisCacheAadApp"
        )
        let grantRedis = FixStep(
            kind: .createGrant,
            reason: "Users need user_impersonation on Azure Cache for Redis.",
            clientAppId: clientAppId,
            resourceAppId: redisAppId,
            resourceDisplayName: "AzureRedisCacheAadApp",
            clientObjectId: "2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c",
            requiredScopes: ["user_impersonation"],
            scopesAfter: ["user_impersonation"]
        )
        let extendManager = FixStep(
            kind: .extendGrant,
            reason: "Autodiscovery needs user_impersonation on Azure Resource Manager.",
            clientAppId: clientAppId,
            resourceAppId: resourceManagerAppId,
            resourceDisplayName: "Windows Azure Service Management API",
            grantId: "LYr3YdQqMkO6GsBW5M8P0Ea5NrGSdUlHvt3xkvP-FbE",
            existingScopes: ["openid", "profile"],
            requiredScopes: ["user_impersonation"],
            scopesAfter: ["openid", "profile", "user_impersonation"]
        )
        let findings: [Finding] = [
            Finding(
                id: "service-principal.redis-api",
                title: "Service principal for AzureRedisCacheAadApp",
                status: .pass,
                detail: "The service principal exists now.",
                evidence: [Evidence(label: "service principal object id", value: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d")]
            ),
            Finding(
                id: "grant.redis-api",
                title: "Admin consent for Azure Cache for Redis",
                status: .pass,
                detail: "An AllPrincipals grant carries user_impersonation."
            ),
            Finding(
                id: "grant.resource-manager",
                title: "Admin consent for Azure Resource Manager",
                status: .fail,
                detail: "The grant still lacks user_impersonation because the write failed.",
                relatedCodes: [.invalidResource]
            ),
        ]
        return Report(
            command: .fix,
            generatedAt: generatedAt,
            tenant: tenant,
            cloud: "AzureCloud",
            profileId: "redisinsight",
            verdict: Verdict.forFindings(findings),
            findings: findings,
            plan: FixPlan(tenant: tenant, cloud: "AzureCloud", clientAppId: clientAppId, stateAware: true, steps: [createRedis, grantRedis, extendManager]),
            writes: [
                WriteRecord(step: createRedis, outcome: .done, method: "POST", path: "/servicePrincipals", status: 201, requestId: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706", objectId: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"),
                WriteRecord(step: grantRedis, outcome: .alreadyDone, method: "POST", path: "/oauth2PermissionGrants", status: 409, requestId: "6d5c4b3a-2918-4a7f-8e6d-5c4b3a291807", message: "Permission entry already exists."),
                WriteRecord(step: extendManager, outcome: .failed, method: "PATCH", path: "/oauth2PermissionGrants/LYr3YdQqMkO6GsBW5M8P0Ea5NrGSdUlHvt3xkvP-FbE", status: 403, requestId: "7e6d5c4b-3a29-4b80-9f7e-6d5c4b3a2918", message: "Insufficient privileges to complete the operation."),
                WriteRecord(step: FixStep(kind: .createGrant, reason: "Sign-in needs openid profile offline_access on Microsoft Graph.", resourceAppId: graphAppId, scopesAfter: ["openid", "profile", "offline_access"]), outcome: .notAttempted, message: "Skipped after an earlier write failed."),
            ]
        )
    }()

    // MARK: - every field

    /// A report with every optional field set, so its JSON contains every property the model has.
    static let everyField: Report = {
        let step = FixStep(
            kind: .extendGrant,
            reason: "Autodiscovery needs user_impersonation on Azure Resource Manager.",
            tenant: tenant,
            appId: resourceManagerAppId,
            displayName: "Windows Azure Service Management API",
            clientAppId: clientAppId,
            resourceAppId: resourceManagerAppId,
            resourceDisplayName: "Windows Azure Service Management API",
            grantId: "LYr3YdQqMkO6GsBW5M8P0Ea5NrGSdUlHvt3xkvP-FbE",
            clientObjectId: "2d6f8a1b-3c4e-4f5a-9b0c-7d8e9f0a1b2c",
            resourceObjectId: "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e",
            existingScopes: ["openid"],
            requiredScopes: ["user_impersonation"],
            scopesAfter: ["openid", "user_impersonation"],
            perUserGrantCount: 1
        )
        let plan = FixPlan(tenant: tenant, cloud: "AzureCloud", clientAppId: clientAppId, stateAware: true, steps: [step], warnings: ["One per-user grant will be replaced."])
        var diagnosis = invalidResource
        diagnosis.values.suberror = "consent_required"
        diagnosis.values.resourceName = "AzureRedisCacheAadApp"
        diagnosis.values.tenant = tenant
        diagnosis.values.redirectURI = "redisinsight://azure/oauth/callback"
        diagnosis.values.requestedPermissionIds = ["41094075-9dad-400e-a0bd-54e686782033"]
        diagnosis.values.requestId = "3d8c1f5a-0b27-4e96-8a4d-c5f2e7b19063"
        diagnosis.values.errorURI = "https://login.microsoftonline.com/error?code=650057"
        diagnosis.values.applicationErrorCode = 12400
        diagnosis.values.message = "Invalid resource."
        diagnosis.values.userObjectId = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
        diagnosis.values.userPrincipalName = "adele@contoso.example"
        diagnosis.values.graphErrorCode = "Authorization_RequestDenied"
        diagnosis.values.conditionalAccessPolicyIds = ["6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"]
        diagnosis.codeEntry?.name = "InvalidResource"
        diagnosis.title = "InvalidResource"
        diagnosis.repeatCount = 2
        diagnosis.adminConsentURL = "https://login.microsoftonline.com/\(tenant)/adminconsent?client_id=\(clientAppId)"
        diagnosis.notes = ["The error appeared twice."]
        diagnosis.plan = plan

        let finding = Finding(
            id: "grant.resource-manager",
            title: "Admin consent for Azure Resource Manager",
            status: .unknown,
            detail: "The grants could not be read.",
            reason: "Graph returned 403.",
            evidence: [Evidence(label: "Graph request-id", value: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")],
            relatedCodes: [.invalidResource]
        )
        return Report(
            command: .fix,
            generatedAt: generatedAt,
            tenant: tenant,
            cloud: "AzureCloud",
            profileId: "redisinsight",
            verdict: Verdict.forFindings([finding]),
            diagnoses: [diagnosis],
            findings: [finding],
            plan: plan,
            commands: ["az login --tenant \(tenant)"],
            writes: [
                WriteRecord(step: step, outcome: .failed, method: "PATCH", path: "/oauth2PermissionGrants/x", status: 504, requestId: "7e6d5c4b-3a29-4b80-9f7e-6d5c4b3a2918", objectId: "x", message: "The gateway timed out; the write may have been applied.", mayHaveBeenApplied: true),
            ],
            notes: ["A note."],
            requests: [GraphRequestRecord(method: "GET", path: "/servicePrincipals", status: 200, requestId: "4f1c2b7e-8a90-4d3e-b6c5-1a2b3c4d5e6f", attempts: 1)],
            sharedReasons: ["Graph returned 403."],
            omittedErrors: [
                OmittedErrorCount(code: .servicePrincipalMissingForResource, applicationErrorCode: 12400, occurrences: 3, distinctErrors: 2, tenants: 1, resources: 1, distinctCountsCapped: true),
            ]
        )
    }()
}
