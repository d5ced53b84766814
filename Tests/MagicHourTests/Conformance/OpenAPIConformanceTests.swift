import AsyncHTTPClient
import Foundation
import MagicHourFake
import NIOCore
import NIOHTTP1
import Testing

@testable import MagicHour

@Suite("Request and response shapes against ../shared/magic-hour-openapi.json")
struct OpenAPIConformanceTests {
    let spec: SchemaValidator

    init() throws {
        spec = try SchemaValidator.load()
    }

    @Test("the validator itself rejects bad bodies (so the checks below can fail)")
    func validatorCatchesMistakes() throws {
        let schema = try #require(spec.requestSchema("/v1/image-to-video", "post"))
        let bad: [String] = [
            #"{"assets":{"image_file_path":"x"}}"#,  // end_seconds missing
            #"{"end_seconds":"5","assets":{"image_file_path":"x"}}"#,  // wrong type
            #"{"end_seconds":5,"assets":{"image_file_path":""}}"#,  // minLength
            #"{"end_seconds":5,"resolution":"4k","assets":{"image_file_path":"x"}}"#,  // enum
            #"{"end_seconds":5,"endSeconds":5,"assets":{"image_file_path":"x"}}"#,  // unknown key
            #"{"end_seconds":70,"assets":{"image_file_path":"x"}}"#,  // maximum
        ]
        for body in bad {
            #expect(!spec.problems(json: Data(body.utf8), schema).isEmpty, "accepted \(body)")
        }
    }

    @Test(
        "the client's image-to-video bodies validate",
        arguments: [
            ImageToVideoRequest(imageFilePath: "api-assets/a/image.png", endSeconds: 5),
            ImageToVideoRequest(
                imageFilePath: "https://x.test/a.png", endSeconds: 7.5, resolution: .p1080, name: "n",
                prompt: "push in",
                model: "default"),
            ImageToVideoRequest(imageFilePath: "api-assets/a/image.png", endSeconds: 10, resolution: .p480),
        ])
    func imageToVideoBodies(request: ImageToVideoRequest) throws {
        let schema = try #require(spec.requestSchema("/v1/image-to-video", "post"))
        let body = try MagicHourClient.encoder.encode(request)
        #expect(spec.problems(json: body, schema) == [], "\(String(decoding: body, as: UTF8.self))")
    }

    @Test("the client's upload-urls bodies validate", arguments: AssetType.allCases)
    func uploadURLBodies(type: AssetType) throws {
        let schema = try #require(spec.requestSchema("/v1/files/upload-urls", "post"))
        for ext in type.extensions {
            let body = try MagicHourClient.encoder.encode(UploadURLsRequest(items: [.init(type: type, extension: ext)]))
            #expect(spec.problems(json: body, schema) == [])
        }
    }

    @Test("the bodies that reached the fake over the wire validate")
    func wireBodies() async throws {
        let schema = try #require(spec.requestSchema("/v1/image-to-video", "post"))
        try await TestHarness.with { fake, client in
            let path = try await client.upload(file: try TestHarness.samplePNG())
            _ = try await client.createImageToVideo(
                .init(imageFilePath: path, endSeconds: 5, resolution: .p720, name: "wire", prompt: "zoom"))
            let bodies = await fake.stats().projectsCreatedPerBody.keys
            #expect(bodies.count == 1)
            for body in bodies { #expect(spec.problems(json: Data(body.utf8), schema) == []) }
        }
    }

    @Test("the fake's answers validate: success and every error status it gives")
    func fakeResponses() async throws {
        try await TestHarness.with { fake, client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            func call(
                _ method: HTTPMethod, _ path: String, token: String? = TestHarness.token, body: String? = nil
            )
                async throws -> (Int, Data)
            {
                var request = HTTPClientRequest(url: fake.baseURL + path)
                request.method = method
                if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                if let body {
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(string: body))
                }
                let response = try await http.execute(request, timeout: .seconds(10))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                #expect(
                    response.status.code == 204 || response.headers.first(name: "Content-Type") == "application/json")
                return (Int(response.status.code), Data(bytes.readableBytesView))
            }
            func check(_ path: String, _ method: String, _ answer: (Int, Data), expect status: Int) throws {
                #expect(answer.0 == status, "\(method) \(path): \(String(decoding: answer.1, as: UTF8.self))")
                guard let schema = spec.responseSchema(path, method, status: answer.0) else {
                    Issue.record("\(method) \(path): status \(answer.0) is not documented")
                    return
                }
                if answer.0 != 204 { #expect(spec.problems(json: answer.1, schema) == [], "\(answer.0) \(path)") }
            }
            let uploads = "/v1/files/upload-urls", create = "/v1/image-to-video", project = "/v1/video-projects/{id}"
            try check(
                uploads, "post",
                try await call(.POST, uploads, body: #"{"items":[{"type":"image","extension":"png"}]}"#), expect: 200)
            try check(uploads, "post", try await call(.POST, uploads, body: #"{"items":[]}"#), expect: 400)
            try check(
                uploads, "post",
                try await call(.POST, uploads, body: #"{"items":[{"type":"audio","extension":"mp4"}]}"#), expect: 422)
            try check(uploads, "post", try await call(.POST, uploads, token: nil, body: "{}"), expect: 401)
            try check(create, "post", try await call(.POST, create, body: "not json"), expect: 400)
            try check(
                create, "post",
                try await call(
                    .POST, create,
                    body:
                        #"{"end_seconds":15,"resolution":"480p","model":"seedance-1.5","assets":{"image_file_path":"https://x.test/a.png"}}"#
                ), expect: 422)
            try check(create, "post", try await call(.POST, create, token: "wrong", body: "{}"), expect: 401)
            let created = try await call(
                .POST, create,
                body:
                    #"{"end_seconds":5,"resolution":"480p","model":"ltx-2.3","assets":{"image_file_path":"https://x.test/a.png"}}"#
            )
            try check(create, "post", created, expect: 200)
            let id = try #require(try JSON.parse(created.1)["id"]?.string)
            try check(project, "get", try await call(.GET, "/v1/video-projects/\(id)"), expect: 200)
            _ = try await client.waitForProject(id: id)
            try check(project, "get", try await call(.GET, "/v1/video-projects/\(id)"), expect: 200)
            try check(project, "get", try await call(.GET, "/v1/video-projects/nope"), expect: 404)
            try check(project, "get", try await call(.GET, "/v1/video-projects/\(id)", token: nil), expect: 401)
            try check(project, "delete", try await call(.DELETE, "/v1/video-projects/nope"), expect: 404)
            try check(project, "delete", try await call(.DELETE, "/v1/video-projects/\(id)"), expect: 204)
            try check(project, "get", try await call(.GET, "/v1/video-projects/\(id)"), expect: 200)
            try await http.shutdown()
        }
    }
}
