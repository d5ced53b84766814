import PipelineStore

/// The cache entries of a batch of keys, found by key and place in constant time.
///
/// Keys are per content and entries per place, so one key can hold an entry for every place its
/// content is (a folder of 10,000 copies of one photo: 10,000 entries under one key). Searching
/// the key's list for each task would cost the square of that.
struct CacheEntryIndex {
    /// Per key, its entries by location (the first recorded when a place repeats) and the task
    /// ids that have an entry anywhere.
    private var byKey: [String: (byLocation: [String: CacheEntry], taskIDs: Set<String>)] = [:]

    init(_ entries: [String: [CacheEntry]]) {
        byKey.reserveCapacity(entries.count)
        for (key, list) in entries {
            var byLocation: [String: CacheEntry] = [:]
            byLocation.reserveCapacity(list.count)
            var taskIDs: Set<String> = []
            for entry in list {
                if byLocation[entry.location] == nil { byLocation[entry.location] = entry }
                taskIDs.insert(entry.taskID)
            }
            byKey[key] = (byLocation, taskIDs)
        }
    }

    /// The entry of `key` at `location`.
    func entry(key: String, location: String) -> CacheEntry? {
        byKey[key]?.byLocation[location]
    }

    /// Whether `key` has an entry recorded by task `taskID`, wherever it is.
    func hasEntry(key: String, taskID: String) -> Bool {
        byKey[key]?.taskIDs.contains(taskID) ?? false
    }
}
