import ConsentDoctor
import Foundation

extension GraphAccessOptions {
    /// A tenant read through Graph, with whether it is the tenant `--tenant` named.
    struct TenantRead {
        var client: GraphClient
        var snapshot: DirectorySnapshot
        /// Nil when `--tenant` was not given.
        var confirmation: TenantConfirmation?
    }

    /// Reads the tenant through Graph for `check` and `fix`.
    ///
    /// With `--tenant`, the token's tenant is compared first, before any Graph request, and the
    /// organization Graph returns is compared after the read. Either mismatch stops the command,
    /// so it never reports on or writes to a tenant other than the one named.
    ///
    /// - Throws: `IdentityError` when no token can be obtained, and `TenantMismatch` when the
    ///   token or Graph names another tenant.
    static func readTenant(_ connection: Connection, profile: AppProfile, tenant: String?, context: CommandContext) throws -> TenantRead {
        let provider = try tokenProvider(for: connection, context: context)
        let client = GraphClient(endpoints: connection.endpoints, tokenProvider: provider, sender: connection.sender)

        var tokenTenant: String?
        if let tenant {
            let token = try BlockingTask.run { try await provider.token() }
            tokenTenant = token.tenantId
            if case .mismatch(let mismatch) = TenantConfirmation.evaluate(requested: tenant, tokenTenant: tokenTenant, organization: nil) {
                throw mismatch
            }
        }

        connection.log.log(.info, "Reading tenant \(tenant ?? "of the token") from \(connection.endpoints.graphRoot)")
        let snapshot = try BlockingTask.run {
            try await DirectoryReader(client: client).read(profile: profile, tenant: tenant)
        }

        guard let tenant else {
            return TenantRead(client: client, snapshot: snapshot, confirmation: nil)
        }
        let confirmation = TenantConfirmation.evaluate(requested: tenant, tokenTenant: tokenTenant, organization: snapshot.organization)
        if case .mismatch(let mismatch) = confirmation {
            throw mismatch
        }
        return TenantRead(client: client, snapshot: snapshot, confirmation: confirmation)
    }
}
