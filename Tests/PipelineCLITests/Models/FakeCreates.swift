import Foundation

/// Sends many `POST /v1/image-to-video` bodies to a fake in one Python process (one curl per
/// request would take minutes) and reads back each answer's status, credits and message.
enum FakeCreates {
    struct Answer: Decodable {
        var status: Int
        var credits: Int?
        var message: String
    }

    static let script = """
        import json, sys, urllib.request, urllib.error
        base, token, path = sys.argv[1:4]
        answers = []
        for body in json.load(open(path)):
            request = urllib.request.Request(
                base + "/v1/image-to-video", data=json.dumps(body).encode(), method="POST",
                headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    answer = json.load(response)
                    answers.append({"status": response.status, "credits": answer.get("credits_charged"), "message": ""})
            except urllib.error.HTTPError as error:
                text = error.read()
                answer = json.loads(text) if text else {}
                answers.append({"status": error.code, "credits": None, "message": answer.get("message", "")})
        print(json.dumps(answers))
        """

    /// The fake's answer to each body, in order.
    static func send(_ bodies: [[String: Any]], to fake: FakeAPIProcess) async throws -> [Answer] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptFile = folder.appendingPathComponent("send.py")
        let bodiesFile = folder.appendingPathComponent("bodies.json")
        try Data(script.utf8).write(to: scriptFile)
        try JSONSerialization.data(withJSONObject: bodies).write(to: bodiesFile)
        let result = try await CommandRunner.run(
            program: "/usr/bin/env", ["python3", scriptFile.path, fake.baseURL, fake.token, bodiesFile.path])
        guard result.status == 0 else {
            throw FakeAPIProcess.FakeAPIError(message: "send.py failed: \(result.standardError)")
        }
        return try JSONDecoder().decode([Answer].self, from: Data(result.standardOutput.utf8))
    }

    /// A body with a URL image (nothing to upload).
    static func body(
        model: String, seconds: Double, resolution: String, audio: Bool? = nil, endImage: Bool = false
    ) -> [String: Any] {
        var assets: [String: Any] = ["image_file_path": "https://example.com/a.png"]
        if endImage { assets["end_image_file_path"] = "https://example.com/z.png" }
        var body: [String: Any] = [
            "model": model, "end_seconds": seconds, "resolution": resolution, "assets": assets,
        ]
        if let audio { body["audio"] = audio }
        return body
    }
}
