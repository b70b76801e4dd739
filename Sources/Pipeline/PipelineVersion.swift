/// The version of Darkroom's pipeline engine, part of every item's key: a new version
/// may write different bytes, so it redoes items.
public enum PipelineVersion {
    /// The version string recorded in item keys.
    public static let current = "darkroom-pipeline-1"
}
