/// What went wrong while checking, sending or reading an image request.
public enum GenerationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model does not take this parameter (refused before anything is sent).
    case unsupportedParameter(model: String, parameter: String, accepted: [String])
    /// A field's value breaks a rule (refused before anything is sent).
    case invalidValue(field: String, value: String, rule: String)
    /// The width × height pair is not one the model accepts.
    case sizeNotAllowed(model: String, width: Int, height: Int, allowed: [String])
    /// The service's safety checker refused the image (HTTP 422).
    case safetyRefusal(message: String)
    /// Too many requests (HTTP 429), still so after the retries.
    case rateLimited(message: String)
    /// The API key is missing or wrong (HTTP 401).
    case authentication(message: String)
    /// The account's credit or spending limit is exhausted (HTTP 402).
    case insufficientCredit(message: String)
    /// The model is partner-hosted and the organisation does not allow third-party data sharing (HTTP 403).
    case dataSharingBlocked(message: String)
    /// The service refused the request as invalid (HTTP 400), with its message.
    case invalidRequest(message: String)
    /// Unknown model or endpoint (HTTP 404).
    case notFound(message: String)
    /// The service failed (5xx or another unexpected status), still so after the retries.
    case server(status: Int, message: String)
    /// No answer within the time-out, in seconds.
    case timeout(seconds: Double)
    /// The connection failed, still so after the retries.
    case connection(message: String)
    /// The answer was not what the API documents (not JSON, no images, bad base64, not an image).
    case malformedResponse(message: String)
    /// An image link (URL mode) could not be downloaded.
    case downloadFailed(url: String, message: String)

    /// Whether this failure happened before anything was sent (a validation refusal).
    public var isValidation: Bool {
        switch self {
        case .unsupportedParameter, .invalidValue, .sizeNotAllowed: true
        default: false
        }
    }

    /// A one-line explanation naming the field or status and what to do.
    public var description: String {
        switch self {
        case let .unsupportedParameter(model, parameter, accepted):
            let list = accepted.isEmpty ? "none beyond prompt, n, seed and the formats" : accepted.joined(separator: ", ")
            return "\(parameter): \(model) does not take this parameter (it takes \(list)); leave it out or pick another model"
        case let .invalidValue(field, value, rule):
            return "\(field): \(value) is not allowed: \(rule)"
        case let .sizeNotAllowed(model, width, height, allowed):
            return "width × height: \(width)x\(height) is not a size \(model) accepts; allowed: \(allowed.joined(separator: ", ")) (--snap picks the nearest)"
        case let .safetyRefusal(message):
            return "the service's safety checker refused the image (HTTP 422): \(message)"
        case let .rateLimited(message):
            return "rate limited (HTTP 429) after retrying: \(message); wait and run again, or lower the concurrency"
        case let .authentication(message):
            return "the API key was refused (HTTP 401): \(message); check TOGETHER_API_KEY or --api-key-file"
        case let .insufficientCredit(message):
            return "no credit left or spending limit reached (HTTP 402): \(message)"
        case let .dataSharingBlocked(message):
            return "refused (HTTP 403): \(message); partner-hosted models need third-party data sharing enabled for the organisation"
        case let .invalidRequest(message):
            return "the service refused the request (HTTP 400): \(message)"
        case let .notFound(message):
            return "not found (HTTP 404): \(message); check the model id (`darkroom models`) and the base URL"
        case let .server(status, message):
            return "the service failed (HTTP \(status)) after retrying: \(message)"
        case let .timeout(seconds):
            return "no answer within \(Self.format(seconds)) s; raise --timeout for slow models"
        case let .connection(message):
            return "cannot reach the service after retrying: \(message)"
        case let .malformedResponse(message):
            return "the service's answer is not a valid images response: \(message)"
        case let .downloadFailed(url, message):
            return "cannot download the image at \(url): \(message)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }
}
