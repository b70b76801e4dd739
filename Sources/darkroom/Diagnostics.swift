#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages to standard error.
enum Diagnostics {
    /// Prints `darkroom: <error>` on stderr.
    static func report(_ error: any Error) {
        standardError("darkroom: \(error)\n")
    }

    /// Prints a note on stderr.
    static func note(_ text: String) {
        standardError("darkroom: \(text)\n")
    }

    private static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
