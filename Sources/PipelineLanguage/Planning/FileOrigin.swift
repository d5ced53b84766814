/// Where a file parameter's file comes from, decided once per task for both the check that it
/// exists and the cache key.
enum FileOrigin {
    /// An http(s) URL or an uploaded asset: keyed by its address.
    case remote
    /// The planned output of an upstream task (by its position in the plan): keyed by its key.
    case produced(by: Int)
    /// A local file that no task produces: keyed by its content.
    case local(absolute: String)
}
