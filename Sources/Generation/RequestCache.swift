import Foundation

/// A content-addressed on-disk cache of answers, so an identical request is never paid
/// for twice. The key is the SHA-256 of the request's normalised JSON (sorted keys), the
/// backend and its base URL — never the API key. An entry holds the answer with every
/// image inline as base64 (links already downloaded). Entries are written to a temporary
/// file and renamed into place; an unreadable entry is treated as missing and replaced.
public struct RequestCache: Sendable {
    /// The cache folder.
    public let folder: URL

    /// Creates a cache in `folder` (created when first written).
    public init(folder: URL) {
        self.folder = folder
    }

    /// `$XDG_CACHE_HOME/darkroom`, else `~/.cache/darkroom`.
    /// - Parameter environment: The process environment.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("darkroom")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/darkroom")
    }

    /// The key for a request sent to a backend scope (hex SHA-256).
    /// - Parameters:
    ///   - request: The request as it will be sent.
    ///   - scope: The backend's `cacheScope` (name and base URL).
    public static func key(for request: ImageRequest, scope: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("darkroom-cache-v1\n\(scope)\n".utf8))
        hasher.update(data: (try? request.jsonBody()) ?? Array(request.model.utf8))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The file of an entry.
    public func path(forKey key: String) -> URL {
        folder.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + ".json")
    }

    /// The cached answer for `key`, or `nil` when absent or unreadable (a corrupt entry is
    /// removed so it gets replaced).
    public func load(key: String) -> ImagesResponse? {
        let url = path(forKey: key)
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let response = try? ImagesResponse.parse(Array(data)),
              response.data.allSatisfy({ $0.b64JSON != nil }) else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return response
    }

    /// Stores an answer whose images are all inline; failures are ignored (a cache that
    /// cannot be written costs money later, never the run).
    /// - Returns: Whether the entry was written.
    @discardableResult
    public func store(_ response: ImagesResponse, key: String) -> Bool {
        let url = path(forKey: key)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return false
        }
        let temp = directory.appendingPathComponent(".\(key).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp.path, contents: Data(response.jsonBytes())) else { return false }
        if rename(temp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temp)
            return false
        }
        return true
    }
}
