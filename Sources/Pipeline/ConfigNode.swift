import Yams

/// A node of a pipeline file with where it came from, so every error names the file,
/// line and key. Reading a mapping checks its keys against the ones allowed.
struct ConfigNode {
    /// The YAML node.
    let node: Node
    /// The pipeline file, for messages.
    let file: String
    /// The key this value belongs to (`stages[2].write.quality`), for messages.
    let key: String

    /// The 1-based line of the node (1 when unknown).
    var line: Int { node.mark?.line ?? 1 }

    /// Whether the node is a YAML null (`~`, `null` or nothing).
    var isNull: Bool { node.scalar.map { ["", "~", "null", "Null", "NULL"].contains($0.string) && ($0.style == .plain || $0.style == .any) } ?? false }

    /// The child under `name`.
    func child(_ name: String, _ value: Node) -> ConfigNode { ConfigNode(node: value, file: file, key: key.isEmpty ? name : "\(key).\(name)") }

    /// The entries of a mapping, after checking every key is in `allowed`.
    /// - Throws: `PipelineError.wrongType` or `.unknownKey` (with "did you mean").
    func mapping(allowed: [String]) throws(PipelineError) -> [String: ConfigNode] {
        if isNull { return [:] }
        guard let mapping = node.mapping else { throw .wrongType(file: file, line: line, key: key.isEmpty ? "(top level)" : key, expected: "a mapping of keys to values") }
        var entries: [String: ConfigNode] = [:]
        for (k, v) in mapping {
            guard let name = k.string else { throw .wrongType(file: file, line: k.mark?.line ?? line, key: key, expected: "a mapping with text keys") }
            let full = key.isEmpty ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                throw .unknownKey(file: file, line: k.mark?.line ?? line, key: full, suggestion: Self.nearest(name, in: allowed), allowed: allowed)
            }
            if entries[name] != nil {
                throw .invalidValue(file: file, line: k.mark?.line ?? line, key: full, value: name, rule: "a key may appear once")
            }
            entries[name] = child(name, v)
        }
        return entries
    }

    /// The items of a sequence.
    func list() throws(PipelineError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw .wrongType(file: file, line: line, key: key, expected: "a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, file: file, key: "\(key)[\($0)]") }
    }

    /// A text scalar (numbers written bare are taken as their text).
    func string() throws(PipelineError) -> String {
        guard let scalar = node.scalar, !isNull else { throw .wrongType(file: file, line: line, key: key, expected: "text") }
        return scalar.string
    }

    /// An integer within `range`.
    func int(_ range: ClosedRange<Int>) throws(PipelineError) -> Int {
        guard node.scalar != nil, let value = Int(node.scalar?.string ?? "") else {
            throw .wrongType(file: file, line: line, key: key, expected: "a whole number")
        }
        guard range.contains(value) else {
            throw .invalidValue(file: file, line: line, key: key, value: String(value), rule: "must be \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    /// A number within `range`.
    func double(_ range: ClosedRange<Double>) throws(PipelineError) -> Double {
        guard node.scalar != nil, let value = Double(node.scalar?.string ?? ""), value.isFinite else {
            throw .wrongType(file: file, line: line, key: key, expected: "a number")
        }
        guard range.contains(value) else {
            throw .invalidValue(file: file, line: line, key: key, value: String(value), rule: "must be \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    /// `true` or `false`.
    func bool() throws(PipelineError) -> Bool {
        switch node.scalar?.string {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default: throw .wrongType(file: file, line: line, key: key, expected: "true or false")
        }
    }

    /// One of `choices`.
    func choice(_ choices: [String]) throws(PipelineError) -> String {
        let value = try string()
        guard choices.contains(value) else {
            throw .invalidValue(file: file, line: line, key: key, value: value, rule: "must be one of \(choices.joined(separator: ", "))")
        }
        return value
    }

    /// A value error at this node.
    func invalid(_ value: String, _ rule: String) -> PipelineError { .invalidValue(file: file, line: line, key: key, value: value, rule: rule) }

    /// The allowed name closest to `name` by edit distance, if within 2 edits (or a third of its length).
    static func nearest(_ name: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, distance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, name.count / 3) else { return nil }
        return best
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}
