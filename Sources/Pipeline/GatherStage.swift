/// A stage that sees every finished item at the end of a run (a contact sheet, web
/// assets, a manifest): it gets what each item wrote, and returns files to write in the
/// output folder. Gather stages come after every per-item stage in a pipeline file.
public protocol GatherStage: Sendable {
    /// The stage's name in pipeline files.
    var name: String { get }
    /// A stable text of the stage's configuration.
    var configuration: String { get }
    /// Makes the stage's outputs from the finished items (in plan order).
    /// - Parameters:
    ///   - items: Every item that finished (done now or earlier, from the journal).
    ///   - folder: The output folder, to read the items' outputs back from.
    /// - Throws: `PipelineError`.
    func gather(_ items: [FinishedItem], folder: String) throws(PipelineError) -> [EncodedOutput]
}
