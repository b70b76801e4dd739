import Codecs
import Foundation
import Generation
import Testing

/// The Together client against an in-process fake of the service.
@Suite struct TogetherClientTests {
    static let key = "tgp_v1_TEST-KEY-must-never-leak-0123456789"
    static let endpoint = "/v1/images/generations"

    static func png(seed: Int = 1, size: Int = 64) throws -> [UInt8] {
        try ImageEncoder.encode(try OfflineRenderer.render(prompt: "fake", seed: seed, steps: 8, width: size, height: size), as: .png(PNGEncodeOptions()))
    }

    static func client(_ server: FakeImagesServer, timeout: Double = 20, retries: Int = 2, userAgent: String = "darkroom-tests/1") -> TogetherClient {
        TogetherClient(configuration: TogetherConfiguration(
            baseURL: server.baseURL + "/v1/", apiKey: key, timeout: timeout,
            retry: RetryPolicy(maxRetries: retries, initialDelay: 0.01, maxDelay: 0.02), userAgent: userAgent))
    }

    static func request(n: Int = 1, seed: Int = 7, format: ResponseFormat = .base64) -> ImageRequest {
        var request = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "a lighthouse at dusk")
        request.n = n
        request.seed = seed
        request.width = 64
        request.height = 64
        request.responseFormat = format
        return request
    }

    /// Runs `request` against a server answering with `script`, then stops both.
    static func run(_ request: ImageRequest, timeout: Double = 20, retries: Int = 2, userAgent: String = "darkroom-tests/1",
                    cache: RequestCache? = nil, refresh: Bool = false,
                    _ script: @escaping FakeImagesServer.Script) async throws -> (outcomes: [ImageOutcome], server: FakeImagesServer) {
        let server = try await FakeImagesServer.start(script)
        let client = client(server, timeout: timeout, retries: retries, userAgent: userAgent)
        let runner = GenerationRunner(generator: client, cache: cache, refresh: refresh)
        let result: [ImageOutcome]
        do {
            result = try await runner.run(request).outcomes
        } catch {
            await client.shutdown()
            await server.stop()
            throw error
        }
        await client.shutdown()
        await server.stop()
        for outcome in result {
            #expect(!"\(outcome)".contains(key), "the key leaked into \(outcome.result)")
        }
        return (result, server)
    }

    static func failure(_ outcome: ImageOutcome?) -> GenerationError? {
        guard case let .failure(error)? = outcome?.result else { return nil }
        return error
    }

    @Test func base64ModeSendsOneRequestPerSeed() async throws {
        let image = try Self.png()
        let (outcomes, server) = try await Self.run(Self.request(n: 3)) { _, _ in
            .json(200, FakeImagesServer.base64Body([image]))
        }
        let images = try outcomes.map { try $0.result.get() }
        #expect(images.map(\.seed) == [7, 8, 9])
        #expect(images.allSatisfy { $0.bytes == image && $0.format == .png && $0.width == 64 && $0.backend == "together" })
        #expect(images.allSatisfy { $0.responseID == "oNM6X9q-2kFHot-9aa9c4c93aa269a2-PDX" && $0.warnings.isEmpty })
        let received = server.requests
        #expect(received.count == 3)
        #expect(Set(received.compactMap { $0.json["seed"] as? Int }) == [7, 8, 9])
        for request in received {
            #expect(request.method == "POST" && request.path == Self.endpoint)
            #expect(request.header("Authorization") == "Bearer \(Self.key)")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("User-Agent") == "darkroom-tests/1")
            let json = request.json
            #expect(json["n"] as? Int == 1 && json["width"] as? Int == 64 && json["response_format"] as? String == "base64")
            #expect(json["model"] as? String == "black-forest-labs/FLUX.1-schnell" && json["prompt"] as? String == "a lighthouse at dusk")
            #expect(Set(json.keys) == ["model", "prompt", "n", "seed", "width", "height", "response_format"])
        }
    }

    @Test func urlModeDownloadsWithAUserAgentAndFollowsRedirects() async throws {
        let image = try Self.png(seed: 2)
        let script: FakeImagesServer.Script = { request, server in
            switch request.path {
            case Self.endpoint:
                return .json(200, #"{"id":"u1","model":"m","data":[{"index":0,"url":"\#(server.baseURL)/shrt/abc"}]}"#)
            case "/shrt/abc":
                guard let agent = request.header("User-Agent"), !agent.isEmpty else {
                    return .json(403, #"{"error":{"message":"Forbidden"}}"#)
                }
                return FakeImagesServer.Reply(status: 302, headers: [("Location", "/files/abc.png")], body: [])
            case "/files/abc.png":
                return FakeImagesServer.Reply(status: 200, headers: [("Content-Type", "image/png")], body: image)
            default:
                return .json(404, #"{"error":{"message":"no route"}}"#)
            }
        }
        let (outcomes, server) = try await Self.run(Self.request(format: .url), script)
        let result = try #require(try outcomes.first?.result.get())
        #expect(result.bytes == image && result.format == .png)
        #expect(server.count("/shrt/abc") == 1 && server.count("/files/abc.png") == 1)
        #expect(server.requests.first { $0.path == "/shrt/abc" }?.header("Authorization") == nil, "the key goes only to the API")

        // Without a User-Agent the link answers 403, reported as a failed download.
        let (blank, _) = try await Self.run(Self.request(format: .url), userAgent: "", script)
        guard case let .downloadFailed(url, message)? = Self.failure(blank.first) else {
            Issue.record("expected downloadFailed, got \(String(describing: blank.first?.result))")
            return
        }
        #expect(url.hasSuffix("/shrt/abc") && message.contains("HTTP 403"))
    }

    @Test func nullTypeAndTimingsAreRead() async throws {
        let image = try Self.png(seed: 3)
        let (outcomes, _) = try await Self.run(Self.request()) { _, _ in
            .json(200, FakeImagesServer.base64Body([image], type: nil, timings: true))
        }
        let result = try #require(try outcomes.first?.result.get())
        #expect(result.timings == .object(["inference": .number(0.42)]))
    }

    @Test func sizeMismatchIsAWarning() async throws {
        let image = try Self.png(seed: 4, size: 48)
        let (outcomes, _) = try await Self.run(Self.request()) { _, _ in .json(200, FakeImagesServer.base64Body([image])) }
        let result = try #require(try outcomes.first?.result.get())
        #expect(result.warnings == ["asked for 64x64, got 48x48 (black-forest-labs/FLUX.1-schnell works in multiples of 16)"])
    }

    @Test func aSafetyRefusalFailsOnlyItsImage() async throws {
        let image = try Self.png()
        let (outcomes, server) = try await Self.run(Self.request(n: 3)) { request, _ in
            if request.json["seed"] as? Int == 8 {
                return .json(422, #"{"error":{"message":"NSFW content detected","type":"invalid_request_error"}}"#)
            }
            return .json(200, FakeImagesServer.base64Body([image]))
        }
        #expect(Self.failure(outcomes[1]) == .safetyRefusal(message: "NSFW content detected [invalid_request_error]"))
        #expect((try? outcomes[0].result.get()) != nil && (try? outcomes[2].result.get()) != nil)
        #expect(server.requests.count == 3, "a 422 is not retried")
    }

    @Test func rateLimitHonoursRetryAfterThenSucceeds() async throws {
        let image = try Self.png()
        let started = ContinuousClock.now
        let (outcomes, server) = try await Self.run(Self.request()) { _, server in
            server.count(Self.endpoint) == 1
                ? .json(429, #"{"error":{"message":"slow down","type":"earned_request_limited"}}"#, headers: [("Retry-After", "1")])
                : .json(200, FakeImagesServer.base64Body([image]))
        }
        #expect((try? outcomes[0].result.get()) != nil)
        #expect(server.count(Self.endpoint) == 2)
        #expect(ContinuousClock.now - started >= .seconds(1), "the client waited as Retry-After asked")
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let image = try Self.png()
        let (recovered, first) = try await Self.run(Self.request()) { _, server in
            server.count(Self.endpoint) == 1 ? .json(503, #"{"error":{"message":"overloaded"}}"#) : .json(200, FakeImagesServer.base64Body([image]))
        }
        #expect((try? recovered[0].result.get()) != nil && first.count(Self.endpoint) == 2)

        let (failed, second) = try await Self.run(Self.request(), retries: 2) { _, _ in .json(503, #"{"error":{"message":"overloaded"}}"#) }
        #expect(Self.failure(failed[0]) == .server(status: 503, message: "overloaded"))
        #expect(second.count(Self.endpoint) == 3)
    }

    @Test(arguments: [
        (400, GenerationError.invalidRequest(message: "Unsupported use of 'image_url' parameter. [invalid_request_error]")),
        (401, GenerationError.authentication(message: "Unsupported use of 'image_url' parameter. [invalid_request_error]")),
        (402, GenerationError.insufficientCredit(message: "Unsupported use of 'image_url' parameter. [invalid_request_error]")),
        (403, GenerationError.dataSharingBlocked(message: "Unsupported use of 'image_url' parameter. [invalid_request_error]")),
        (404, GenerationError.notFound(message: "Unsupported use of 'image_url' parameter. [invalid_request_error]")),
    ])
    func clientErrorsAreTypedAndNotRetried(status: Int, expected: GenerationError) async throws {
        let (outcomes, server) = try await Self.run(Self.request()) { _, _ in
            .json(status, #"{"id":"e1","error":{"message":"Unsupported use of 'image_url' parameter.","type":"invalid_request_error","param":null,"code":null}}"#)
        }
        #expect(Self.failure(outcomes[0]) == expected)
        #expect(server.count(Self.endpoint) == 1)
    }

    @Test func aSlowAnswerTimesOut() async throws {
        let image = try Self.png()
        let (outcomes, server) = try await Self.run(Self.request(), timeout: 0.5) { _, _ in
            var reply = FakeImagesServer.Reply.json(200, FakeImagesServer.base64Body([image]))
            reply.delayMilliseconds = 3000
            return reply
        }
        #expect(Self.failure(outcomes[0]) == .timeout(seconds: 0.5))
        #expect(server.count(Self.endpoint) == 1, "a time-out is not retried: the image may already be billed")
    }

    @Test(arguments: ["<html><body>502 Bad Gateway</body></html>", "truncated"])
    func garbageAnswersAreMalformed(kind: String) async throws {
        let image = try Self.png()
        let body: String
        if kind == "truncated" {
            let full = FakeImagesServer.base64Body([image])
            let b64 = Data(image).base64EncodedString()
            body = full.replacingOccurrences(of: b64, with: String(b64.prefix(b64.count / 2)))
        } else {
            body = kind
        }
        let (outcomes, _) = try await Self.run(Self.request()) { _, _ in .json(200, body) }
        guard case let .malformedResponse(message)? = Self.failure(outcomes[0]) else {
            Issue.record("expected malformedResponse, got \(String(describing: outcomes.first?.result))")
            return
        }
        #expect(message.contains(kind == "truncated" ? "does not decode" : "not an images JSON body"), "\(message)")
    }

    @Test func connectionFailuresAreRetriedThenReported() async throws {
        let closed = try await FakeImagesServer.start { _, _ in .json(200, "{}") }
        let base = closed.baseURL
        await closed.stop()
        let client = TogetherClient(configuration: TogetherConfiguration(
            baseURL: base, apiKey: Self.key, timeout: 5, retry: RetryPolicy(maxRetries: 1, initialDelay: 0.01, maxDelay: 0.01)))
        let outcomes = try await GenerationRunner(generator: client).run(Self.request()).outcomes
        await client.shutdown()
        guard case let .connection(message)? = Self.failure(outcomes[0]) else {
            Issue.record("expected connection, got \(String(describing: outcomes.first?.result))")
            return
        }
        #expect(message.contains(base) && !message.contains(Self.key))
    }

    @Test func anEchoedKeyIsRedacted() async throws {
        let (outcomes, _) = try await Self.run(Self.request()) { request, _ in
            .json(401, #"{"error":{"message":"invalid key \#(request.header("Authorization") ?? "")"}}"#)
        }
        #expect(Self.failure(outcomes[0]) == .authentication(message: "invalid key Bearer [redacted]"))
    }

    @Test func theCacheAnswersRepeatsAndSurvivesCorruption() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = RequestCache(folder: folder)
        let image = try Self.png(seed: 5)
        let server = try await FakeImagesServer.start { request, server in
            request.path == Self.endpoint
                ? .json(200, #"{"id":"c1","model":"m","data":[{"url":"\#(server.baseURL)/img/1"}]}"#)
                : FakeImagesServer.Reply(status: 200, headers: [], body: image)
        }
        let client = Self.client(server)
        func run(refresh: Bool = false) async throws -> [GeneratedImage] {
            let runner = GenerationRunner(generator: client, cache: cache, refresh: refresh)
            return try await runner.run(Self.request(n: 2, format: .url)).outcomes.map { try $0.result.get() }
        }
        do {
            let first = try await run()
            #expect(first.map(\.fromCache) == [false, false] && server.count(Self.endpoint) == 2)
            let second = try await run()
            #expect(second.map(\.fromCache) == [true, true] && server.count(Self.endpoint) == 2)
            #expect(second.map(\.bytes) == [image, image] && second.map(\.seed) == [7, 8])
            let third = try await run(refresh: true)
            #expect(third.map(\.fromCache) == [false, false] && server.count(Self.endpoint) == 4)

            // A corrupt entry is ignored and replaced; the other entry still answers.
            var request = Self.request(format: .url)
            request.n = 1
            let key = RequestCache.key(for: request, scope: "together " + server.baseURL)
            let entry = cache.path(forKey: key)
            #expect(FileManager.default.fileExists(atPath: entry.path))
            try Data("{\"data\":[{\"b64_json\":".utf8).write(to: entry)
            let fourth = try await run()
            #expect(fourth.map(\.fromCache) == [false, true] && server.count(Self.endpoint) == 5)
            #expect(cache.load(key: key) != nil)
            let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            #expect(files.count == 2)
            #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".tmp-") })
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains(Self.key) && !text.contains("Bearer"))
            }
        } catch {
            Issue.record("\(error)")
        }
        await client.shutdown()
        await server.stop()
    }
}
