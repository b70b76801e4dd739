import DarkroomTestSupport
import Codecs
import Generation
import Pixels
import Foundation
import Testing

/// `darkroom generate` and `darkroom models`, run as a user would.
@Suite struct GenerateCommandTests {
    static let key = "tgp_v1_CLI-KEY-never-in-any-file-9876543210"

    static func sidecar(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func offlineByDefaultWithoutAKey() async throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await DarkroomRunner.runAsync(
            ["generate", "--prompt", "a lighthouse at dusk", "--n", "4", "--seed", "7", "--width", "256", "--height", "256", "--output", out.path],
            environment: ["TOGETHER_API_KEY": nil, "XDG_CACHE_HOME": out.appendingPathComponent("cache").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("offline generator") }.count == 1)
        var images: [[UInt8]] = []
        for (index, seed) in zip(0..., 7...10) {
            let file = out.appendingPathComponent("img-\(index)-seed\(seed).png")
            let bytes = try [UInt8](Data(contentsOf: file))
            let decoded = try ImageDecoder.decode(bytes)
            #expect(decoded.image.width == 256 && decoded.image.height == 256)
            images.append(bytes)
            let json = try Self.sidecar(file.appendingPathExtension("json"))
            #expect(json["seed"] as? Int == seed && json["prompt"] as? String == "a lighthouse at dusk")
            #expect(json["model"] as? String == "black-forest-labs/FLUX.1-schnell" && json["n"] as? Int == 1)
            #expect(json["width"] as? Int == 256 && json["height"] as? Int == 256)
            #expect(json["backend"] as? String == "local" && json["response_model"] as? String == "darkroom/offline")
            #expect((json["id"] as? String)?.hasPrefix("offline-") == true)
        }
        #expect(Set(images).count == 4)
        // The offline backend caches nothing.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cache").path))

        // Same command, same bytes.
        let again = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: again) }
        let second = try await DarkroomRunner.runAsync(
            ["generate", "--prompt", "a lighthouse at dusk", "--seed", "7", "--width", "256", "--height", "256", "--backend", "local", "--output", again.path],
            environment: ["TOGETHER_API_KEY": Self.key])
        #expect(second.status == 0 && !second.stderr.contains("offline generator"), "\(second.stderr)")
        #expect(try [UInt8](Data(contentsOf: again.appendingPathComponent("img-0-seed7.png"))) == images[0])
    }

    @Test func refusesBadRequestsBeforeSending() async throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let cases: [([String], String)] = [
            (["--model", "black-forest-labs/FLUX.2-dev", "--image-url", "https://example.com/a.png"], "image_url"),
            (["--n", "5"], "n: 5"),
            (["--width", "1080"], "multiples of 16"),
            (["--model", "black-forest-labs/FLUX.1-kontext-pro", "--reference-image", "https://example.com/a.png"], "reference_images"),
        ]
        for (arguments, expected) in cases {
            let result = try await DarkroomRunner.runAsync(["generate", "--prompt", "x", "--output", out.path] + arguments,
                                                       environment: ["TOGETHER_API_KEY": nil])
            #expect(result.status == 1 && result.stderr.hasPrefix("darkroom: request: ") && result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("offline generator"), "refused before a backend is chosen")
        }
        let snapped = try await DarkroomRunner.runAsync(
            ["generate", "--prompt", "x", "--width", "200", "--height", "120", "--snap", "--seed", "1", "--output", out.path],
            environment: ["TOGETHER_API_KEY": nil])
        #expect(snapped.status == 0 && snapped.stderr.contains("width 200 → 192") && snapped.stderr.contains("height 120 → 112"), "\(snapped.stderr)")
        #expect(try ImageDecoder.readInfo(try [UInt8](Data(contentsOf: out.appendingPathComponent("img-0-seed1.png")))).width == 192)
    }

    @Test func againstTheServiceWithBaseURL() async throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let jpeg = try ImageEncoder.encode(
            try OfflineRenderer.render(prompt: "served", seed: 1, steps: 8, width: 64, height: 64), as: .jpeg(JPEGEncodeOptions(quality: 80)))
        let server = try await FakeImagesServer.start { request, server in
            if request.path != "/v1/images/generations" { return FakeImagesServer.Reply(status: 200, headers: [], body: jpeg) }
            if request.json["seed"] as? Int == 12 {
                return .json(422, #"{"error":{"message":"NSFW content detected"}}"#)
            }
            return .json(200, #"{"id":"r-\#(request.json["seed"] as? Int ?? 0)","model":"m","data":[{"url":"\#(server.baseURL)/shrt/x","timings":{"inference":1.5}}]}"#)
        }
        let keyFile = out.appendingPathComponent("key.txt")
        try Data((Self.key + "\n").utf8).write(to: keyFile)
        let cacheDir = out.appendingPathComponent("cache")
        let arguments = ["generate", "--prompt", "a lighthouse at dusk", "--n", "3", "--seed", "11", "--width", "64", "--height", "64",
                         "--output-format", "jpeg", "--base-url", server.baseURL + "/v1", "--output", out.appendingPathComponent("img").path,
                         "--cache-dir", cacheDir.path, "--json"]
        let first = try await DarkroomRunner.runAsync(arguments, environment: ["TOGETHER_API_KEY": Self.key])
        let second = try await DarkroomRunner.runAsync(arguments.filter { $0 != "--json" } + ["--api-key-file", keyFile.path],
                                                    environment: ["TOGETHER_API_KEY": nil, "TOGETHER_BASE_URL": "http://127.0.0.1:1"])
        // TOGETHER_BASE_URL (with /v1/) when --base-url is not given; --no-cache sends again.
        let third = try await DarkroomRunner.runAsync(
            ["generate", "--prompt", "a lighthouse at dusk", "--seed", "11", "--width", "64", "--height", "64", "--output-format", "jpeg",
             "--output", out.appendingPathComponent("third").path, "--no-cache"],
            environment: ["TOGETHER_API_KEY": Self.key, "TOGETHER_BASE_URL": server.baseURL + "/v1/"])
        let received = server.requests
        await server.stop()
        #expect(third.status == 0 && !third.stdout.contains("(cached)"), "\(third.stderr)")

        #expect(first.status == 1 && first.stderr.contains("image 1 (seed 12)") && first.stderr.contains("safety checker"), "\(first.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(summary["backend"] as? String == "together" && (summary["images"] as? [Any])?.count == 3)
        for (index, seed) in [(0, 11), (2, 13)] {
            let file = out.appendingPathComponent("img/img-\(index)-seed\(seed).jpg")
            #expect(try [UInt8](Data(contentsOf: file)) == jpeg)
            let json = try Self.sidecar(file.appendingPathExtension("json"))
            #expect(json["seed"] as? Int == seed && json["output_format"] as? String == "jpeg" && json["backend"] as? String == "together")
            #expect(json["id"] as? String == "r-\(seed)" && (json["timings"] as? [String: Any])?["inference"] as? Double == 1.5)
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("img/img-1-seed12.jpg").path))
        let posts = received.filter { $0.path == "/v1/images/generations" }
        // First run: 3 requests; second run: the 2 cached images are not asked again, the
        // refused one is; third run: 1 request past the cache.
        #expect(posts.count == 5, "\(posts.map(\.json))")
        #expect(posts.allSatisfy { $0.header("Authorization") == "Bearer \(Self.key)" && !($0.header("User-Agent") ?? "").isEmpty })
        #expect(second.status == 1 && second.stdout.contains("(cached)"), "\(second.stderr)")

        // The key is in no output, sidecar or cache file.
        for run in [first, second, third] { #expect(!run.stdout.contains(Self.key) && !run.stderr.contains(Self.key)) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0 != "key.txt" }
        #expect(files.contains { $0.hasPrefix("cache/") && $0.hasSuffix(".json") })
        for file in files {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            let bytes = try Data(contentsOf: out.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "\(file) holds the key")
        }
    }

    @Test func modelsListsTheCatalogue() async throws {
        let table = try await DarkroomRunner.runAsync(["models"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("model") == true)
        #expect(lines.contains { $0.hasPrefix("black-forest-labs/FLUX.1-schnell ") && $0.contains("4 (1–50)") })
        #expect(lines.contains { $0.hasPrefix("google/gemini-3-pro-image") && $0.contains("30 fixed sizes") && $0.contains("partner") })
        let json = try await DarkroomRunner.runAsync(["models", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.count == lines.count - 1)
        #expect(models.contains { $0["id"] as? String == "black-forest-labs/FLUX.1-kontext-pro" && ($0["parameters"] as? [String])?.contains("image_url") == true })
    }
}
