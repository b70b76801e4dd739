import Generation

/// A loaded, checked pipeline file: its items (sweeps expanded), stages and output folder.
public struct PipelineDefinition: Sendable {
    /// The file it came from.
    public var file: String
    /// The output folder (relative paths are relative to the pipeline file's folder).
    public var output: String
    /// The work items in plan order.
    public var items: [WorkItem]
    /// The stages in the order written.
    public var stages: [Stage]
    /// Generation: requests in flight at once.
    public var concurrency: Int
    /// Generation: `local`, `together` or `nil` (together when a key is set).
    public var backend: String?
    /// Generation: retries on 408/429/5xx and connection errors (default 3).
    public var retries: Int = 3
    /// Generation: seconds to wait for each answer (default 300).
    public var timeout: Double = 300
}
