import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Together images API over HTTP (AsyncHTTPClient): sends requests with retries and
/// backoff, maps failures to typed errors, downloads URL-mode images. Call `shutdown()`
/// when done.
public final class TogetherClient: ImageGenerator {
    /// Largest answer or download read, in bytes.
    public static let maxBodyBytes = 256 << 20

    /// Where and how to connect.
    public let configuration: TogetherConfiguration
    private let http: HTTPClient

    /// Creates a client with its own connection pool.
    /// - Parameter configuration: Base URL, key, time-out, retries.
    public init(configuration: TogetherConfiguration) {
        self.configuration = configuration
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .follow(max: 5, allowCycles: false)
        let seconds = Int64(max(0.001, configuration.timeout) * 1000)
        config.timeout = HTTPClient.Configuration.Timeout(connect: .milliseconds(min(seconds, 10_000)), read: .milliseconds(seconds))
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }

    /// Closes the connection pool.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// `together`.
    public var name: String { "together" }
    /// `together <base URL>` (never the key).
    public var cacheScope: String? { "together \(configuration.baseURL)" }

    /// Sends one generation request, retrying per `configuration.retry`.
    /// - Returns: The 2xx body as received.
    /// - Throws: `GenerationError` (typed by status, `timeout`, `connection`).
    public func send(_ request: ImageRequest) async throws(GenerationError) -> [UInt8] {
        let body = try request.jsonBody()
        var http = HTTPClientRequest(url: configuration.endpoint)
        http.method = .POST
        http.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        http.headers.add(name: "Content-Type", value: "application/json")
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        http.body = .bytes(ByteBuffer(bytes: body))
        let (status, headers, answer) = try await execute(http, what: configuration.endpoint)
        if (200..<300).contains(status) { return answer }
        throw error(status: status, headers: headers, body: answer)
    }

    /// Downloads an image link with a `User-Agent`, following redirects and retrying like `send`.
    /// - Throws: `GenerationError.downloadFailed` with the status and message, or `timeout`.
    public func download(_ url: String) async throws(GenerationError) -> [UInt8] {
        var http = HTTPClientRequest(url: url)
        http.method = .GET
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        http.headers.add(name: "Accept", value: "image/*")
        let status: Int, answer: [UInt8]
        do {
            (status, _, answer) = try await execute(http, what: url)
        } catch .connection(let message) {
            throw .downloadFailed(url: url, message: message)
        }
        if (200..<300).contains(status) { return answer }
        throw .downloadFailed(url: url, message: "HTTP \(status): \(configuration.redact(APIErrorBody(answer).summary))")
    }

    /// Runs a request with retries; returns the final status, headers and body.
    private func execute(_ request: HTTPClientRequest, what: String) async throws(GenerationError) -> (Int, [(name: String, value: String)], [UInt8]) {
        let policy = configuration.retry
        var attempt = 0
        while true {
            var failure: String
            var headers: [(name: String, value: String)] = []
            do {
                let response = try await http.execute(request, timeout: .milliseconds(Int64(configuration.timeout * 1000)))
                let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
                let status = Int(response.status.code)
                headers = response.headers.map { (name: $0.name, value: $0.value) }
                let body = Array(buffer.readableBytesView)
                let hint = headers.first { $0.name.lowercased() == "x-should-retry" }?.value
                if (200..<300).contains(status) || !RetryPolicy.isRetryable(status: status, shouldRetryHeader: hint) || attempt >= policy.maxRetries {
                    return (status, headers, body)
                }
                failure = "HTTP \(status)"
            } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
                throw .timeout(seconds: configuration.timeout)
            } catch {
                failure = configuration.redact("\(error)")
                if attempt >= policy.maxRetries { throw .connection(message: "\(what): \(failure)") }
            }
            let wait = policy.delay(attempt: attempt, headers: headers)
            attempt += 1
            do {
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
            } catch {
                throw .connection(message: "\(what): cancelled while waiting to retry after \(failure)")
            }
        }
    }

    private func error(status: Int, headers: [(name: String, value: String)], body: [UInt8]) -> GenerationError {
        let parsed = APIErrorBody(body)
        let message = configuration.redact(parsed.summary)
        switch status {
        case 400: return .invalidRequest(message: message)
        case 401: return .authentication(message: message)
        case 402: return .insufficientCredit(message: message)
        case 403: return .dataSharingBlocked(message: message)
        case 404: return .notFound(message: message)
        case 422: return .safetyRefusal(message: message)
        case 429: return .rateLimited(message: message)
        case 408: return .timeout(seconds: configuration.timeout)
        default: return .server(status: status, message: message)
        }
    }
}
