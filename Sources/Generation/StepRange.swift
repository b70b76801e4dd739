/// A model's diffusion step count: its default and the values it accepts.
public struct StepRange: Sendable, Equatable, Hashable, Codable {
    /// The service's default when `steps` is not sent.
    public var `default`: Int
    /// The smallest accepted value.
    public var min: Int
    /// The largest accepted value.
    public var max: Int

    /// Creates a step range.
    /// - Parameters:
    ///   - default: The default step count.
    ///   - min: The smallest accepted value.
    ///   - max: The largest accepted value.
    public init(default: Int, min: Int, max: Int) {
        self.default = `default`
        self.min = min
        self.max = max
    }
}
