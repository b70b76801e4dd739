import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An in-process HTTP server on 127.0.0.1 (ephemeral port) that answers like the images
/// API as each test scripts it, and records every request it received.
final class FakeImagesServer: Sendable {
    /// One received request.
    struct Received: Sendable {
        var method: String
        var path: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    /// One scripted answer.
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        var body: [UInt8]
        var delayMilliseconds: Int64 = 0

        static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
        }
    }

    typealias Script = @Sendable (_ request: Received, _ server: FakeImagesServer) -> Reply

    let group: MultiThreadedEventLoopGroup
    let received = Mutex<[Received]>([])
    let script: Script
    private let channelBox = Mutex<(any Channel)?>(nil)
    private let portBox = Mutex<Int>(0)

    init(script: @escaping Script) {
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.script = script
    }

    /// Starts a server answering with `script`.
    static func start(_ script: @escaping Script) async throws -> FakeImagesServer {
        let server = FakeImagesServer(script: script)
        let bootstrap = ServerBootstrap(group: server.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakeHandler(server: server))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        server.channelBox.withLock { $0 = channel }
        server.portBox.withLock { $0 = channel.localAddress?.port ?? 0 }
        return server
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(portBox.withLock { $0 })" }

    /// The requests received so far.
    var requests: [Received] { received.withLock { $0 } }

    /// Requests to a path received so far.
    func count(_ path: String) -> Int { requests.filter { $0.path == path }.count }

    /// Stops listening and frees the threads.
    func stop() async {
        let channel = channelBox.withLock { $0 }
        try? await channel?.close()
        try? await group.shutdownGracefully()
    }

    /// A base64-mode answer holding `images` (bytes per item).
    static func base64Body(_ images: [[UInt8]], id: String = "oNM6X9q-2kFHot-9aa9c4c93aa269a2-PDX", type: String? = "b64_json",
                           timings: Bool = false) -> String {
        let items = images.enumerated().map { index, bytes in
            let typeText = type.map { "\"\($0)\"" } ?? "null"
            let timing = timings ? ",\"timings\":{\"inference\":0.42}" : ""
            return "{\"index\":\(index),\"b64_json\":\"\(Data(bytes).base64EncodedString())\",\"type\":\(typeText)\(timing)}"
        }
        return "{\"id\":\"\(id)\",\"model\":\"black-forest-labs/FLUX.1-schnell\",\"object\":\"list\",\"data\":[\(items.joined(separator: ","))]}"
    }
}
