/// How colours outside the destination gamut are brought inside (ICC rendering intents).
public enum RenderingIntent: String, Sendable, CaseIterable {
    /// Compress the whole gamut smoothly (for profiles that carry perceptual tables;
    /// matrix/TRC profiles such as Display P3 behave as relative colorimetric).
    case perceptual
    /// Keep in-gamut colours exact (white point adapted) and clip the rest to the gamut
    /// boundary: the default, as libvips' `icc_transform`.
    case relativeColorimetric
}
