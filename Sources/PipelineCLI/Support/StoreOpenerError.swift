/// Why ``StoreOpener`` could not open a store.
enum StoreOpenerError: Error, CustomStringConvertible {
    case postgresUnavailable(String)

    var description: String {
        switch self {
        case .postgresUnavailable(let location):
            "cannot open \(location): this build has no PostgreSQL store"
        }
    }
}
