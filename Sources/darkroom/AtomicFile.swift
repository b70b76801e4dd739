#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so a reader never sees a half-written one: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and the file is renamed into place.
enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any file there.
    /// - Throws: `CLIError` naming `path` and the system's reason.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CLIError(subject: path, message: "cannot create a file in \(folder): \(errorText())") }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = "write failed: \(errorText())"
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "flush failed: \(errorText())" }
        if close(fd) != 0, failure == nil { failure = "close failed: \(errorText())" }
        if failure == nil, rename(temp, path) != 0 { failure = "cannot move the file into place: \(errorText())" }
        if let failure {
            unlink(temp)
            throw CLIError(subject: path, message: failure)
        }
    }

    /// Reads a whole file.
    /// - Throws: `CLIError` naming `path` and the system's reason.
    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError(subject: path, message: "cannot open: \(errorText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CLIError(subject: path, message: "cannot stat: \(errorText())") }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw CLIError(subject: path, message: "is a folder, not a file") }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(subject: path, message: "read failed: \(errorText())")
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    /// Whether a folder exists at `path`.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Creates `path` and its parents as needed.
    /// - Throws: `CLIError` when a component cannot be created.
    static func makeFolder(_ path: String) throws(CLIError) {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            if isFolder(current) { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw CLIError(subject: path, message: "cannot create folder: \(errorText())")
            }
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
