/// The state of one appId's service principal in a snapshot.
enum ServicePrincipalState: Equatable {
    /// The service principal was read, with its properties.
    case found(ServicePrincipal)
    /// Another object names the service principal, so it exists, but its properties were not read.
    case referenced(ServicePrincipalReference)
    /// The tenant has no service principal for the appId.
    case missing
    /// The snapshot cannot tell.
    case unknown(LookupFailure)

    init(snapshot: DirectorySnapshot, appId: String) {
        switch snapshot.servicePrincipal(appId: appId) {
        case .found(let servicePrincipal):
            self = .found(servicePrincipal)
        case .missing:
            self = .missing
        case .unknown(let failure):
            if let reference = snapshot.servicePrincipalReference(appId: appId) {
                self = .referenced(reference)
            } else {
                self = .unknown(failure)
            }
        }
    }

    /// The object id, when the service principal exists and its id is known.
    var objectId: String? {
        switch self {
        case .found(let servicePrincipal):
            return servicePrincipal.id
        case .referenced(let reference):
            return reference.objectId
        case .missing, .unknown:
            return nil
        }
    }

    /// The service principal's properties, when it was read.
    var servicePrincipal: ServicePrincipal? {
        if case .found(let servicePrincipal) = self {
            return servicePrincipal
        }
        return nil
    }

    /// Whether the service principal is known to exist.
    var exists: Bool {
        objectId != nil
    }
}
