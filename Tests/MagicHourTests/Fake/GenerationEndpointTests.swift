import Foundation
import MagicHour
import MagicHourFake
import MagicHourRules
import Testing

/// Every generation endpoint of `EndpointCatalog`, served by the fake from the same table.
@Suite("The fake's generation endpoints")
struct GenerationEndpointTests {
    static let ids = EndpointCatalog.endpoints.map(\.id)

    @Test("a good body is charged EndpointRules.cost, completes, and downloads valid files", arguments: ids)
    func goodBody(id: String) async throws {
        let endpoint = try #require(EndpointCatalog[id: id])
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(balance: 100_000)) { fake, client in
            let request = try await ExampleRequest.make(endpoint, client: client)
            try await FakeHTTP.with(fake) { http in
                let (status, data) = try await http.send(.POST, endpoint.path, json: request.body)
                let created = try JSON.parse(data)
                #expect(status == 200, "\(id): \(created)")
                let id = try #require(created["id"]?.string)
                let credits = try #require(created["credits_charged"]?.number)
                if let cost = request.cost(endpoint) { #expect(Int(credits) == cost) }
                let stats = await fake.stats()
                #expect(stats.projectsCreated == 1 && stats.creditsCharged == Int(credits))
                #expect(stats.balance == 100_000 - Int(credits))
                #expect(stats.requests(path: "POST \(endpoint.path)") == 1)
                let project = try await http.waitForProject(id, kind: endpoint.kind)
                #expect(project["status"]?.string == "complete", "\(project)")
                #expect(project["type"]?.string == endpoint.projectType)
                #expect(project["credits_charged"]?.number == credits)
                let downloads = project["downloads"]?.array ?? []
                let count = endpoint.kind == .image ? Int(request.values["image_count"]?.number ?? 1) : 1
                #expect(downloads.count == count)
                if endpoint.kind == .image { #expect(project["image_count"]?.number == Double(count)) }
                for download in downloads {
                    let (status, file) = try await http.send(.GET, download["url"]?.string ?? "", authorized: false)
                    #expect(status == 200)
                    #expect(Self.expected(endpoint, request).contains(MediaSignature(of: file)), "\(id)")
                }
            }
        }
    }

    /// The signatures the endpoint's files may have.
    static func expected(_ endpoint: GenerationEndpoint, _ request: ExampleRequest) -> [MediaSignature?] {
        switch endpoint.kind {
        case .video: return [.mp4]
        case .audio: return [.mp3, .wav]
        case .image:
            guard endpoint.field("output_format") != nil else { return [.png] }
            switch request.values["output_format"]?.text {
            case "mp4"?: return [.mp4]
            case "webm"?: return [.webm]
            default: return [.gif]
            }
        }
    }

    @Test("a body without a required field, or with a value outside its field, answers 400", arguments: ids)
    func badBody(id: String) async throws {
        let endpoint = try #require(EndpointCatalog[id: id])
        try await TestHarness.with { fake, client in
            let request = try await ExampleRequest.make(endpoint, client: client)
            let required = try #require(endpoint.fields.first { $0.isRequired })
            try await FakeHTTP.with(fake) { http in
                let (status, data) = try await http.send(
                    .POST, endpoint.path, json: request.body.setting(required.path, to: nil))
                #expect(status == 400)
                #expect(try JSON.parse(data)["message"]?.string?.contains(required.dottedPath) == true)
                if let (field, bad) = Self.outOfRange(endpoint) {
                    let (status, data) = try await http.send(
                        .POST, endpoint.path,
                        json: request.body.setting(field.path, to: field.isList ? .array([bad]) : bad))
                    #expect(status == 400, "\(id) \(field.parameter)")
                    #expect(try JSON.parse(data)["message"]?.string?.contains(field.dottedPath) == true)
                }
            }
            let stats = await fake.stats()
            #expect(stats.projectsCreated == 0 && stats.balance == 10_000)
        }
    }

    /// A field and a value its kind refuses: above a range, or not one of the choices.
    static func outOfRange(_ endpoint: GenerationEndpoint) -> (EndpointField, JSON)? {
        for field in endpoint.fields {
            switch field.kind {
            case .integer(let range): return (field, .number(Double(range.upperBound) + 1))
            case .number(let range): return (field, .number(range.upperBound + 1))
            case .choice: return (field, .string("no-such-choice"))
            default: continue
            }
        }
        return endpoint.fields.first { $0.kind == .text }.map { ($0, .string("")) }
    }

    @Test(
        "credits match the docs' table",
        arguments: [
            ("ai-image-upscaler", ["mode": "balanced", "scale_factor": "4"], 200),
            ("lip-sync", ["mode": "lite", "start_seconds": "0", "end_seconds": "4"], 96),
            ("ai-voice-generator", ["prompt": String(repeating: "a", count: 41)], 3),
            ("auto-subtitle-generator", ["start_seconds": "0", "end_seconds": "10"], 48),
        ])
    func documentedPrices(id: String, overrides: [String: String], credits: Int) async throws {
        let endpoint = try #require(EndpointCatalog[id: id])
        try await TestHarness.with { fake, client in
            let request = try await ExampleRequest.make(endpoint, with: overrides, client: client)
            #expect(request.cost(endpoint) == credits)
            try await FakeHTTP.with(fake) { http in
                let (status, data) = try await http.send(.POST, endpoint.path, json: request.body)
                #expect(status == 200)
                #expect(try JSON.parse(data)["credits_charged"]?.number == Double(credits))
            }
        }
    }

    @Test("broken rules, files never uploaded, URLs of the wrong kind and a YouTube source answer 422")
    func rulesAnswer422() async throws {
        try await TestHarness.with { fake, client in
            let cases: [(String, [String: String], (JSON) -> JSON)] = [
                ("video-to-video", ["start_seconds": "5", "end_seconds": "2"], { $0 }),
                ("ai-image-generator", ["model": "flux-schnell", "resolution": "4k"], { $0 }),
                ("ai-image-upscaler", ["image": "api-assets/never/uploaded.png"], { $0 }),
                ("photo-colorizer", ["image": "https://example.com/a.mp3"], { $0 }),
                ("lip-sync", [:], { $0.setting(["assets", "video_source"], to: .string("youtube")) }),
            ]
            try await FakeHTTP.with(fake) { http in
                for (id, overrides, edit) in cases {
                    let endpoint = try #require(EndpointCatalog[id: id])
                    let request = try await ExampleRequest.make(endpoint, with: overrides, client: client)
                    let (status, data) = try await http.send(.POST, endpoint.path, json: edit(request.body))
                    #expect(status == 422, "\(id): \(String(decoding: data, as: UTF8.self))")
                }
            }
            #expect(await fake.stats().projectsCreated == 0)
        }
    }

    @Test("an image project after DELETE is disabled without downloads; its id is unknown to the other kinds")
    func imageProjectKinds() async throws {
        let endpoint = try #require(EndpointCatalog[id: "ai-image-generator"])
        try await TestHarness.with { fake, client in
            let request = try await ExampleRequest.make(endpoint, client: client)
            try await FakeHTTP.with(fake) { http in
                let id = try #require(
                    try JSON.parse(try await http.send(.POST, endpoint.path, json: request.body).1)["id"]?.string)
                let done = try await http.waitForProject(id, kind: .image)
                #expect(done["status"]?.string == "complete")
                // The project and download fault routes cover every kind.
                await fake.inject(.status(503), on: .getProject)
                #expect(try await http.send(.GET, "/v1/image-projects/\(id)").0 == 503)
                await fake.inject(.truncateBody, on: .download)
                let url = done["downloads"]?.array?.first?["url"]?.string ?? ""
                await #expect(throws: (any Error).self) { _ = try await http.send(.GET, url, authorized: false) }
                #expect(try await http.send(.GET, "/v1/audio-projects/\(id)").0 == 404)
                #expect(try await http.send(.GET, "/v1/video-projects/\(id)").0 == 404)
                #expect(try await http.send(.DELETE, "/v1/audio-projects/\(id)").0 == 404)
                #expect(try await http.send(.DELETE, "/v1/image-projects/\(id)").0 == 204)
                let (status, data) = try await http.send(.GET, "/v1/image-projects/\(id)")
                let project = try JSON.parse(data)
                #expect(
                    status == 200 && project["enabled"] == .bool(false) && project["downloads"]?.array?.isEmpty == true)
                #expect(try await http.send(.GET, "/v1/image-projects/cnosuchproject").0 == 404)
                let stats = await fake.stats()
                #expect(stats.requests(path: "DELETE /v1/image-projects/{id}") == 1)
                #expect(stats.requests(path: "GET /v1/audio-projects/{id}") == 1)
                #expect(stats.faultsInjected["503"] == 1 && stats.faultsInjected["truncate"] == 1)
            }
        }
    }

    @Test("faults on the create route hit every endpoint; a failed audio project is refunded; 402 when short")
    func faultsFatesAndBalance() async throws {
        let endpoint = try #require(EndpointCatalog[id: "ai-voice-generator"])
        try await TestHarness.with(fake: TestHarness.fakeConfiguration(balance: 4)) { fake, client in
            let request = try await ExampleRequest.make(endpoint, client: client)
            try await FakeHTTP.with(fake) { http in
                await fake.inject(.status(503), on: .create)
                #expect(try await http.send(.POST, endpoint.path, json: request.body).0 == 503)
                #expect(await fake.stats().projectsCreated == 0)
                await fake.scheduleProjectFates([.error(code: "unknown_error", message: "injected")])
                let (status, data) = try await http.send(.POST, endpoint.path, json: request.body)
                #expect(status == 200)
                let id = try #require(try JSON.parse(data)["id"]?.string)
                let project = try await http.waitForProject(id, kind: .audio)
                #expect(project["status"]?.string == "error" && project["credits_charged"]?.number == 0)
                #expect(project["error"]?["code"]?.string == "unknown_error")
                #expect(await fake.stats().balance == 4)
                let long = request.body.setting(["style", "prompt"], to: .string(String(repeating: "a", count: 200)))
                #expect(try await http.send(.POST, endpoint.path, json: long).0 == 402)
            }
        }
    }
}
