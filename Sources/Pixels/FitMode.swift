/// How an image is fitted to a requested width and height (sharp's `fit`).
public enum FitMode: String, Sendable, CaseIterable, Codable {
    /// Keep the aspect ratio, fill the whole box, crop what overflows (the default of
    /// sharp's `resize`). Which part is kept is chosen by a `FitPosition`.
    case cover
    /// Keep the aspect ratio, fit inside the box and letterbox the rest with a
    /// background colour, so the output is exactly the box.
    case contain
    /// Ignore the aspect ratio: stretch to exactly the box.
    case fill
    /// Keep the aspect ratio, as large as possible while both sides stay within the box
    /// (the output may be smaller than the box on one side).
    case inside
    /// Keep the aspect ratio, as small as possible while both sides cover the box (the
    /// output may be larger than the box on one side); nothing is cropped.
    case outside
}
