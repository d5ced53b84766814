import ArgumentParser
import PipelineLanguage

/// `pipeline schema` — the JSON Schema of the language, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of pipeline files (for yaml-language-server and other editors).",
        discussion: """
            Save it and point your editor at it, e.g. with a first line
            # yaml-language-server: $schema=./pipeline.schema.json
            """
    )

    func run() throws {
        StandardStreams.out(JSONSchemaGenerator().schema().prettyJSON + "\n")
    }
}
