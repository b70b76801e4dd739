import Foundation
import Generation
import Testing

/// Retry decisions and waits, and the base URL rules.
@Suite struct RetryPolicyTests {
    @Test func retriesOnlyWhatIsWorthRetrying() {
        for status in [408, 429, 500, 502, 503, 504] { #expect(RetryPolicy.isRetryable(status: status), "\(status)") }
        for status in [400, 401, 402, 403, 404, 422] {
            #expect(!RetryPolicy.isRetryable(status: status), "\(status)")
            #expect(!RetryPolicy.isRetryable(status: status, shouldRetryHeader: "true"), "\(status)")
        }
        #expect(!RetryPolicy.isRetryable(status: 503, shouldRetryHeader: "false"))
        #expect(RetryPolicy.isRetryable(status: 409, shouldRetryHeader: "true"))
        #expect(!RetryPolicy.isRetryable(status: 409))
    }

    @Test func honoursServerWaitsWithinSixtySeconds() throws {
        let policy = RetryPolicy()
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(policy.delay(attempt: 0, headers: [("retry-after-ms", "1500")], now: now) == 1.5)
        #expect(policy.delay(attempt: 0, headers: [("Retry-After", "7")], now: now) == 7)
        #expect(policy.delay(attempt: 0, headers: [("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT")], now: now) == 30)
        #expect(policy.delay(attempt: 0, headers: [("retry-after-ms", "250"), ("Retry-After", "9")], now: now) == 0.25)
        // Over 60 s, negative or unreadable: exponential backoff instead.
        for value in ["600", "-1", "soon", "Sun, 06 Nov 1994 09:49:37 GMT"] {
            #expect(policy.delay(attempt: 0, headers: [("Retry-After", value)], now: now, random: 0) == 0.5, "\(value)")
        }
    }

    @Test func backsOffExponentiallyWithJitter() {
        let policy = RetryPolicy(initialDelay: 0.5, maxDelay: 8, jitter: 0.25)
        #expect((0..<6).map { policy.delay(attempt: $0, random: 0) } == [0.5, 1, 2, 4, 8, 8])
        #expect(policy.delay(attempt: 2, random: 0.999_999) > 1.5 && policy.delay(attempt: 2, random: 0.999_999) < 1.51)
        for _ in 0..<100 {
            let wait = policy.delay(attempt: 1)
            #expect(wait >= 0.75 && wait <= 1)
        }
    }

    @Test(arguments: [
        ("https://api.together.ai", "https://api.together.ai"),
        ("https://api.together.ai/", "https://api.together.ai"),
        ("https://api.together.xyz/v1", "https://api.together.xyz"),
        ("https://api.together.xyz/v1/", "https://api.together.xyz"),
        ("http://127.0.0.1:8080/proxy/v1//", "http://127.0.0.1:8080/proxy"),
    ])
    func normalisesTheBaseURL(input: String, expected: String) {
        let configuration = TogetherConfiguration(baseURL: input, apiKey: "k")
        #expect(configuration.baseURL == expected)
        #expect(configuration.endpoint == expected + "/v1/images/generations")
    }

    @Test func theKeyStaysOutOfDescriptions() {
        let key = "tgp_v1_SECRETSECRETSECRET"
        let configuration = TogetherConfiguration(apiKey: key)
        for text in [configuration.description, configuration.debugDescription, "\(configuration)", String(reflecting: configuration),
                     "\(Mirror(reflecting: configuration).children.map { "\($0.label ?? ""):\($0.value)" })"] {
            #expect(!text.contains(key), "\(text)")
        }
        #expect(configuration.redact("bad key \(key)!") == "bad key [redacted]!")
    }

    @Test func cacheFolderFollowsXDG() {
        #expect(RequestCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/tmp/xdg", "HOME": "/home/u"]).path == "/tmp/xdg/darkroom")
        #expect(RequestCache.defaultFolder(environment: ["HOME": "/home/u"]).path == "/home/u/.cache/darkroom")
        #expect(RequestCache.defaultFolder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]).path == "/home/u/.cache/darkroom")
    }
}
