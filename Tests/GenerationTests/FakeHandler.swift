import NIOCore
import NIOHTTP1

/// Collects a request and writes the scripted reply.
final class FakeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: FakeImagesServer
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(server: FakeImagesServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            self.head = head
            body = []
        case var .body(buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let path = String(head.uri.split(separator: "?").first ?? "")
            let request = FakeImagesServer.Received(method: head.method.rawValue, path: path,
                                                    headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body)
            server.received.withLock { $0.append(request) }
            let reply = server.script(request, server)
            let send = {
                var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
                headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
                let status = HTTPResponseStatus(statusCode: reply.status)
                context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
            if reply.delayMilliseconds > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(reply.delayMilliseconds)) { send() }
            } else {
                send()
            }
        }
    }
}
