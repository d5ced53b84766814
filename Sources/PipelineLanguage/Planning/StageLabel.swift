/// The stage a task belongs to, by name and by its type's name: one per stage, shared by every
/// task of it (one word in the task, where the two names would take four).
final class StageLabel: Sendable {
    let name: String
    let typeName: String

    init(name: String, typeName: String) {
        self.name = name
        self.typeName = typeName
    }
}
