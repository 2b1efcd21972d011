/// The objects that one Graph operation found hidden by the `not-found-after-create` fault.
/// The store counts them down once the operation ends, so one operation counts as one read
/// however often it looks at the object.
final class ReadObservations {
    private(set) var hiddenObjectIds: Set<String> = []

    func recordHidden(_ id: String) {
        hiddenObjectIds.insert(id)
    }
}
