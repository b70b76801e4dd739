import Foundation

/// The service's error body: `{"error": {"message", "type", "param", "code"}}`, read leniently.
public struct APIErrorBody: Sendable, Equatable {
    /// The message, or the start of the body when it is not the documented shape.
    public var message: String
    /// The error type (e.g. `invalid_request_error`), if given.
    public var type: String?
    /// The error code (e.g. `third_party_data_sharing_blocked`), if given.
    public var code: String?

    /// Reads an error body.
    /// - Parameter bytes: The body as received.
    public init(_ bytes: [UInt8]) {
        struct Envelope: Decodable {
            struct Inner: Decodable {
                var message: String?
                var type: String?
                var code: String?
            }
            var error: Inner?
            var message: String?
        }
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)),
           let text = envelope.error?.message ?? envelope.message {
            message = text
            type = envelope.error?.type
            code = envelope.error?.code
        } else {
            let text = String(decoding: bytes.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            message = text.isEmpty ? "(empty body)" : text
        }
    }

    /// The message with its type/code in brackets when present.
    public var summary: String {
        let tags = [type, code].compactMap { $0 }.filter { !$0.isEmpty }
        return tags.isEmpty ? message : "\(message) [\(tags.joined(separator: ", "))]"
    }
}
