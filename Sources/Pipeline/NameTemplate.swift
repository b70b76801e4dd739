/// A write stage's file name template, such as `{stem}-{seed}-{steps}.{ext}`, with
/// the fields `stem`, `index`, `seed`, `steps`, `model` (slug), `prompt` (slug),
/// `width`, `height`, `hash8` and `ext`.
public struct NameTemplate: Sendable, Equatable {
    /// The fields a template may use.
    public static let fields = ["stem", "index", "seed", "steps", "model", "prompt", "width", "height", "hash8", "ext"]
    /// The template text.
    public let text: String

    /// Checks the template's fields.
    /// - Returns: `nil` when valid, else what is wrong.
    public static func problem(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return "a `{` is not closed" }
            let field = String(rest[rest.index(after: open)..<close])
            if !fields.contains(field) { return "unknown field {\(field)}; fields: \(fields.joined(separator: ", "))" }
            rest = rest[rest.index(after: close)...]
        }
        if text.isEmpty { return "the name is empty" }
        return nil
    }

    /// Creates a template (checked by the loader with `problem(in:)`).
    public init(_ text: String) { self.text = text }

    /// The name for one output.
    public func render(_ fields: ItemFields, width: Int, height: Int, hash8: String, ext: String) -> String {
        var out = text
        let values: [String: String] = [
            "stem": fields.stem, "index": String(fields.index), "seed": fields.seed.map(String.init) ?? "none",
            "steps": fields.steps.map(String.init) ?? "none", "model": Self.slug(fields.model ?? "none"),
            "prompt": Self.slug(fields.prompt ?? "none"), "width": String(width), "height": String(height), "hash8": hash8, "ext": ext,
        ]
        for (key, value) in values { out = out.replacingOccurrences(of: "{\(key)}", with: value) }
        return out
    }

    /// Lower-case letters and digits, other runs as one `-`, at most 40 characters.
    public static func slug(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("-") && !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(40))
    }
}
