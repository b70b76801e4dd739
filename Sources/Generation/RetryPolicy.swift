import Foundation

/// When and how long to wait before sending a failed request again.
///
/// Retries happen on 408, 429, 5xx and connection errors, never on 400, 401, 402, 403,
/// 404 or 422. The wait is the server's `retry-after-ms`, else its `Retry-After`
/// (seconds or an HTTP date) when that is 0–60 s, else exponential backoff from
/// `initialDelay` doubling up to `maxDelay`, minus up to `jitter` of it at random.
/// `x-should-retry: true|false` from the server overrides the status rule.
public struct RetryPolicy: Sendable, Equatable {
    /// How many times a request is sent again after the first try.
    public var maxRetries: Int
    /// The first backoff wait, in seconds.
    public var initialDelay: Double
    /// The longest backoff wait, in seconds.
    public var maxDelay: Double
    /// The fraction of the backoff wait (0–1) that may be taken off at random.
    public var jitter: Double
    /// Server-requested waits longer than this (seconds) are ignored in favour of backoff.
    public var maxHonouredRetryAfter: Double

    /// Creates a policy.
    /// - Parameters:
    ///   - maxRetries: Retries after the first try (default 3).
    ///   - initialDelay: First backoff wait in seconds (default 0.5).
    ///   - maxDelay: Longest backoff wait in seconds (default 8).
    ///   - jitter: Random fraction taken off each backoff wait (default 0.25).
    ///   - maxHonouredRetryAfter: Longest server-requested wait honoured, seconds (default 60).
    public init(maxRetries: Int = 3, initialDelay: Double = 0.5, maxDelay: Double = 8, jitter: Double = 0.25,
                maxHonouredRetryAfter: Double = 60) {
        self.maxRetries = max(0, maxRetries)
        self.initialDelay = max(0, initialDelay)
        self.maxDelay = max(0, maxDelay)
        self.jitter = min(max(jitter, 0), 1)
        self.maxHonouredRetryAfter = maxHonouredRetryAfter
    }

    /// Whether a status is worth retrying, given the server's `x-should-retry` header.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - shouldRetryHeader: The value of `x-should-retry`, if sent.
    public static func isRetryable(status: Int, shouldRetryHeader: String? = nil) -> Bool {
        if [400, 401, 402, 403, 404, 422].contains(status) { return false }
        switch shouldRetryHeader?.lowercased() {
        case "true": return true
        case "false": return false
        default: return status == 408 || status == 429 || (500...599).contains(status)
        }
    }

    /// The server's requested wait in seconds, from `retry-after-ms` or `Retry-After`
    /// (seconds or an HTTP date), when it is between 0 and `maxHonouredRetryAfter`.
    /// - Parameters:
    ///   - headers: Response headers (names case-insensitive).
    ///   - now: The current time, for HTTP dates.
    public func serverDelay(headers: [(name: String, value: String)], now: Date = Date()) -> Double? {
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value.trimmingCharacters(in: .whitespaces)
        }
        var seconds: Double?
        if let text = header("retry-after-ms"), let ms = Double(text), ms.isFinite {
            seconds = ms / 1000
        } else if let text = header("retry-after") {
            if let value = Double(text), value.isFinite {
                seconds = value
            } else if let date = Self.parseHTTPDate(text) {
                seconds = date.timeIntervalSince(now)
            }
        }
        guard let seconds, seconds >= 0, seconds <= maxHonouredRetryAfter else { return nil }
        return seconds
    }

    /// The wait before retry number `attempt` (0 for the first retry), in seconds.
    /// - Parameters:
    ///   - attempt: Which retry this is, from 0.
    ///   - headers: The failed response's headers (empty for connection errors).
    ///   - now: The current time, for HTTP dates.
    ///   - random: A number in 0..<1 choosing the jitter.
    public func delay(attempt: Int, headers: [(name: String, value: String)] = [], now: Date = Date(),
                      random: Double = Double.random(in: 0..<1)) -> Double {
        if let server = serverDelay(headers: headers, now: now) { return server }
        let backoff = min(maxDelay, initialDelay * pow(2, Double(min(attempt, 30))))
        return backoff * (1 - jitter * random)
    }

    /// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for pattern in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
