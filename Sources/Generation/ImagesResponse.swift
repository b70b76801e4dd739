import Foundation

/// The images API's answer, decoded leniently: `type` may be `null` or missing, `object`
/// may be missing, and extra fields (such as per-item `timings`) are kept or ignored.
public struct ImagesResponse: Sendable, Equatable, Codable {
    /// One returned image: inline base64 or a download link.
    public struct Item: Sendable, Equatable, Codable {
        /// Position in the answer.
        public var index: Int
        /// The image bytes as base64, in base64 mode.
        public var b64JSON: String?
        /// A short-lived download link, in URL mode.
        public var url: String?
        /// `b64_json`, `url`, `null` or absent.
        public var type: String?
        /// Per-image timings when the service sends them (e.g. `{"inference": 1.2}`).
        public var timings: JSONValue?

        enum CodingKeys: String, CodingKey {
            case index, url, type, timings
            case b64JSON = "b64_json"
        }

        /// Creates an item.
        /// - Parameters:
        ///   - index: Position in the answer.
        ///   - b64JSON: Base64 bytes, or `nil`.
        ///   - url: A link, or `nil`.
        ///   - type: The declared type.
        ///   - timings: Timings, if any.
        public init(index: Int, b64JSON: String? = nil, url: String? = nil, type: String? = nil, timings: JSONValue? = nil) {
            self.index = index
            self.b64JSON = b64JSON
            self.url = url
            self.type = type
            self.timings = timings
        }

        /// Decodes an item; a missing `index` counts as 0 and is fixed up by the response.
        /// - Throws: `DecodingError` when a field has the wrong type.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = (try? c.decodeIfPresent(Int.self, forKey: .index)) ?? -1
            b64JSON = try c.decodeIfPresent(String.self, forKey: .b64JSON)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            type = try? c.decodeIfPresent(String.self, forKey: .type)
            timings = try c.decodeIfPresent(JSONValue.self, forKey: .timings)
        }
    }

    /// The request id (e.g. `oNM6X9q-2kFHot-9aa9c4c93aa269a2-PDX`).
    public var id: String?
    /// The model that answered.
    public var model: String?
    /// `list`, or absent.
    public var object: String?
    /// The images.
    public var data: [Item]

    /// Creates a response.
    /// - Parameters:
    ///   - id: Request id.
    ///   - model: Model id.
    ///   - object: Usually `list`.
    ///   - data: The items.
    public init(id: String?, model: String?, object: String? = "list", data: [Item]) {
        self.id = id
        self.model = model
        self.object = object
        self.data = data
    }

    /// Decodes a response body.
    /// - Parameter bytes: The body as received.
    /// - Throws: `GenerationError.malformedResponse` when the body is not JSON, has no
    ///   `data` array, or an item holds neither `b64_json` nor `url`.
    public static func parse(_ bytes: [UInt8]) throws(GenerationError) -> ImagesResponse {
        var response: ImagesResponse
        do {
            response = try JSONDecoder().decode(ImagesResponse.self, from: Data(bytes))
        } catch {
            let head = String(decoding: bytes.prefix(80), as: UTF8.self)
            throw .malformedResponse(message: "not an images JSON body (\(bytes.count) bytes starting \(head.debugDescription)): \(Self.describe(error))")
        }
        if response.data.isEmpty {
            throw .malformedResponse(message: "the answer holds no images (`data` is empty)")
        }
        for position in response.data.indices {
            if response.data[position].index < 0 { response.data[position].index = position }
            let item = response.data[position]
            if item.b64JSON == nil && item.url == nil {
                throw .malformedResponse(message: "item \(item.index) has neither `b64_json` nor `url`")
            }
        }
        return response
    }

    /// The response as compact JSON with sorted keys.
    public func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map(Array.init) ?? []
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context): return context.debugDescription
        case let DecodingError.keyNotFound(key, _): return "missing `\(key.stringValue)`"
        case let DecodingError.typeMismatch(_, context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let DecodingError.valueNotFound(_, context):
            return "null at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
