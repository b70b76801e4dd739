import Generation

/// One planned item: an input file (or one image of a response file) or one generation request.
public struct WorkItem: Sendable {
    /// Where its image comes from.
    public enum Origin: Sendable {
        /// Encoded image bytes already read.
        case bytes([UInt8])
        /// A request to generate.
        case request(ImageRequest)
    }
    /// How messages name it.
    public var name: String
    /// Its template fields.
    public var fields: ItemFields
    /// Its origin.
    public var origin: Origin
}
