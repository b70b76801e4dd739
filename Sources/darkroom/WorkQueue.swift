import Foundation

/// Hands out the indices `0..<count` once each, in order, to whichever thread asks next.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var next = 0

    /// Creates a queue of `count` indices.
    init(count: Int) { self.count = count }

    /// The next index not yet taken, or `nil` when all are.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
