import Foundation
import Testing

/// `pipeline schema` checked by a real JSON Schema validator (Python's jsonschema).
@Suite struct SchemaTests {
    static let checker = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for path in sys.argv[2:]:
            try:
                document = yaml.safe_load(open(path))
            except yaml.YAMLError:
                print("unparsable", path); continue
            errors = list(validator.iter_errors(document))
            print(("invalid" if errors else "valid"), path)
        """

    func check(_ files: [String]) async throws -> [String: String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = try await CommandRunner.run(["schema"])
        #expect(schema.status == 0)
        try Data(schema.standardOutput.utf8).write(to: directory.appendingPathComponent("schema.json"))
        try Data(Self.checker.utf8).write(to: directory.appendingPathComponent("check.py"))
        let checked = try await CommandRunner.run(
            program: "/usr/bin/env",
            [
                "python3", directory.appendingPathComponent("check.py").path,
                directory.appendingPathComponent("schema.json").path,
            ] + files)
        #expect(
            checked.status == 0,
            "python3 with jsonschema and pyyaml is needed (.ci/install-deps installs them)")
        var verdicts: [String: String] = [:]
        for line in checked.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { verdicts[String(parts[1])] = String(parts[0]) }
        }
        return verdicts
    }

    @Test func schemaAcceptsEveryExample() async throws {
        let directory = CommandRunner.repository + "/pipelines"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
            .map { directory + "/" + $0 }
        let verdicts = try await check(files)
        #expect(verdicts.count == files.count)
        for file in files { #expect(verdicts[file] == "valid", "\(file)") }
    }

    @Test func schemaRejectsBrokenFixtures() async throws {
        let directory = CommandRunner.repository + "/Tests/PipelineLanguageTests/Fixtures/invalid"
        let names = [
            "01-unknown-top-key", "02-missing-version", "03-unsupported-version", "08-unknown-stage-type",
            "09-unknown-parameter", "13-parameter-bad-enum", "14-magic-hour-too-long", "15-magic-hour-480p-15s",
            "16-magic-hour-unknown-resolution", "17-magic-hour-missing-image", "42-overlap-invalid",
            "43-settings-unknown-key", "46-retry-too-many", "57-input-two-sources", "66-unknown-stage-key",
            "76-model-duration", "77-model-resolution", "78-model-audio", "81-model-unknown", "82-model-default-360p",
            "83-model-end-image-unsupported",
        ]
        let files = names.map { directory + "/" + $0 + ".yaml" }
        let verdicts = try await check(files)
        let rejected = files.filter { verdicts[$0] == "invalid" }
        #expect(rejected.count == files.count, "accepted: \(files.filter { verdicts[$0] != "invalid" })")
    }
}
