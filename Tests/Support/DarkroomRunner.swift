import Foundation

/// Runs the built `darkroom` executable for the end-to-end tests of every test target.
public enum DarkroomRunner {
    /// The package root (three levels above this file).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/corpus`.
    public static let corpus: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The `darkroom` binary built beside the test bundle.
    public static var executable: URL {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        // The test binary may sit inside an .xctest bundle folder.
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("darkroom")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/release/darkroom")
    }

    /// What a run printed and how it ended.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything printed on standard output.
        public let stdout: String
        /// Everything printed on standard error.
        public let stderr: String
    }

    /// Runs `darkroom` with `arguments` in `folder`, blocking until it ends.
    public static func run(_ arguments: [String], in folder: URL? = nil) throws -> Result {
        let (process, out, err) = try launch(arguments, in: folder, environment: [:])
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `darkroom` with `arguments`, reading its output on other threads so the
    /// caller's own tasks (a fake server, say) keep running; `environment` changes the
    /// inherited environment (a `nil` value removes the variable).
    public static func runAsync(_ arguments: [String], environment: [String: String?] = [:]) async throws -> Result {
        let (process, out, err) = try launch(arguments, in: nil, environment: environment)
        async let outData = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
        async let errData = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
        let (o, e) = await (outData, errData)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func launch(
        _ arguments: [String], in folder: URL?, environment: [String: String?]
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (name, value) in environment { env[name] = value }
            process.environment = env
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }
}
