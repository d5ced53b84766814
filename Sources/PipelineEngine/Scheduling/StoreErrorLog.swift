/// The state-store failures of one run that did not stop it (progress rows it could not write),
/// gathered from every task so the run's summary reports them and its exit code is non-zero.
actor StoreErrorLog {
    private(set) var messages: [String] = []

    func record(_ message: String) {
        messages.append(message)
    }
}
