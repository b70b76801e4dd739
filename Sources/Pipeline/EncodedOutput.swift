import Codecs

/// A file a stage wants written: its path relative to the output folder and its bytes.
public struct EncodedOutput: Sendable, Equatable {
    /// Path inside the output folder (already checked not to escape it).
    public var relativePath: String
    /// The file's bytes.
    public var bytes: [UInt8]
    /// The format, for messages.
    public var format: ImageFormat?
    /// Pixel size of the image written, when it is one.
    public var width: Int
    /// Pixel height.
    public var height: Int

    /// Creates an output.
    public init(relativePath: String, bytes: [UInt8], format: ImageFormat?, width: Int, height: Int) {
        self.relativePath = relativePath
        self.bytes = bytes
        self.format = format
        self.width = width
        self.height = height
    }
}
