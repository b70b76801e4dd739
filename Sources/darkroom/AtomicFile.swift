import Pipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so a reader never sees a half-written one: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and the file is renamed into place.
enum AtomicFile {
    /// Writes `bytes` to `path`, replacing any file there (`Pipeline.FileAccess`).
    /// - Throws: `CLIError` naming `path` and the system's reason.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        do {
            try FileAccess.write(bytes, to: path)
        } catch {
            throw CLIError(subject: path, message: Self.reason(error))
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

    /// Creates `path` and its parents as needed (`Pipeline.FileAccess`).
    /// - Throws: `CLIError` when a component cannot be created.
    static func makeFolder(_ path: String) throws(CLIError) {
        do {
            try FileAccess.makeFolder(path)
        } catch {
            throw CLIError(subject: path, message: Self.reason(error))
        }
    }

    /// The system's reason carried by a write error, without the path (the CLI names it).
    private static func reason(_ error: PipelineError) -> String {
        if case let .writeFailed(_, message) = error { return message }
        return "\(error)"
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
