/// A stage that transforms one item's current image (or, for `write`, encodes it), run
/// for each item on its own, in the order the pipeline lists them.
public protocol ItemStage: Sendable {
    /// The stage's name in pipeline files (`resize`, `write`, …).
    var name: String { get }
    /// A stable text of the stage's configuration, part of each item's key.
    var configuration: String { get }
    /// Applies the stage; outputs to write are appended to `outputs`.
    /// - Throws: `PipelineError.itemFailed` naming the item and the stage.
    func apply(_ state: inout ItemState, context: StageContext, outputs: inout [EncodedOutput]) throws(PipelineError)
}
