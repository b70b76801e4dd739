/// One stage of a pipeline: per-item, or gathering every item at the end.
public enum Stage: Sendable {
    /// Runs on each item as it streams through.
    case item(any ItemStage)
    /// Runs once, after every item, on all of them.
    case gather(any GatherStage)

    /// The stage's name.
    public var name: String {
        switch self {
        case let .item(stage): stage.name
        case let .gather(stage): stage.name
        }
    }

    /// The stage's configuration text, for item keys.
    public var configuration: String {
        switch self {
        case let .item(stage): stage.configuration
        case let .gather(stage): stage.configuration
        }
    }
}
