#if canImport(Glibc)
import Glibc
#endif

/// Files written so a reader never sees a half-written one (temporary file, fsync, rename):
/// the one atomic writer that the pipeline and every command use.
public enum FileAccess {
    /// Writes `bytes` to `path` atomically.
    /// - Throws: `PipelineError.writeFailed` with the system's reason.
    /// - Parameters:
    ///   - bytes: The whole contents.
    ///   - path: The file to create or replace.
    public static func write(_ bytes: [UInt8], to path: String) throws(PipelineError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, message: "cannot create a file in \(folder): \(errorText())") }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
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
            throw .writeFailed(path: path, message: failure)
        }
    }

    /// Creates `path` and its parents.
    /// - Throws: `PipelineError.writeFailed`.
    /// - Parameter path: The folder.
    public static func makeFolder(_ path: String) throws(PipelineError) {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            var info = stat()
            if stat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw .writeFailed(path: path, message: "cannot create folder: \(errorText())") }
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
