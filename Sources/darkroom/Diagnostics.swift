#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages to standard error.
enum Diagnostics {
    /// Prints `darkroom: <error>` on stderr.
    static func report(_ error: any Error) {
        let text = "darkroom: \(error)\n"
        fputs(text, stderr)
    }

    /// Prints a note on stderr.
    static func note(_ text: String) {
        fputs("darkroom: \(text)\n", stderr)
    }
}
