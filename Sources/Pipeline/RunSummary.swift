/// How a run ended.
public struct RunSummary: Sendable, Equatable {
    /// Items finished.
    public var done = 0
    /// Items that failed, with their causes.
    public var failures: [String] = []
    /// Files written.
    public var outputs = 0
    /// Generation requests sent.
    public var requests = 0
    /// Megapixels generated.
    public var megapixels = 0.0
    /// Wall time in seconds.
    public var seconds = 0.0

    /// Creates an empty summary.
    public init() {}
}
