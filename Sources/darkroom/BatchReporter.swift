import Foundation

/// The in-order end of a batch processed on several threads: each image's outcome is
/// handed in as it is ready, and outcomes are written and reported strictly in input
/// order (files written atomically, one whole line each), exactly as a one-at-a-time run
/// would, whichever thread finished first. Outcomes waiting for an earlier image are held
/// (encoded bytes only) and dropped once written.
final class BatchReporter: @unchecked Sendable {
    /// What processing one image came to.
    enum Outcome {
        /// Encoded bytes to write to `destination`, and the progress line's note.
        case output(bytes: [UInt8], destination: String, note: String)
        /// The image failed.
        case failure(any Error)
    }

    private let lock = NSLock()
    private let names: [String]
    private var waiting: [Outcome?]
    private var next = 0
    private var failed = 0

    /// Creates a reporter for `names.count` images.
    /// - Parameter names: How each image is named in the progress lines, in input order.
    init(names: [String]) {
        self.names = names
        self.waiting = Array(repeating: nil, count: names.count)
    }

    /// Images that failed so far (processing, or writing their output).
    var failures: Int {
        lock.lock()
        defer { lock.unlock() }
        return failed
    }

    /// Hands in the outcome of image `index`; writes and reports it, and every later one
    /// already waiting, once all earlier images are done.
    /// - Parameters:
    ///   - outcome: What processing the image came to.
    ///   - index: The image's position in the input order.
    func finish(_ outcome: Outcome, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = outcome
        while next < waiting.count, let ready = waiting[next] {
            waiting[next] = nil
            emit(ready, name: names[next])
            next += 1
        }
    }

    /// Writes one output (or reports its failure) and prints its line.
    private func emit(_ outcome: Outcome, name: String) {
        switch outcome {
        case let .output(bytes, destination, note):
            do {
                try AtomicFile.write(bytes, to: destination)
                print("\(name) -> \(destination)\(note)")
            } catch {
                Diagnostics.report(error)
                failed += 1
            }
        case let .failure(error):
            Diagnostics.report(error)
            failed += 1
        }
    }
}
