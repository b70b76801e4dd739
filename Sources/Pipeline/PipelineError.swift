/// What went wrong while loading, planning or running a pipeline. Every case names the
/// file (and line and key), the input or the output it concerns.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipeline file cannot be read.
    case unreadable(file: String, message: String)
    /// The file is not valid YAML (line and column of the problem).
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key the format does not have, with the nearest known key if one is close.
    case unknownKey(file: String, line: Int, key: String, suggestion: String?, allowed: [String])
    /// A required key is missing from the mapping that starts at `line`.
    case missingKey(file: String, line: Int, key: String)
    /// A value has the wrong type (`expected` says what was wanted).
    case wrongType(file: String, line: Int, key: String, expected: String)
    /// A value is of the right type but not allowed (`rule` says what is).
    case invalidValue(file: String, line: Int, key: String, value: String, rule: String)
    /// The request breaks a rule of the images API or of the model catalogue.
    case invalidRequest(file: String, line: Int, key: String, message: String)
    /// The sweep expands to more items than the limit (`--max-items`).
    case tooManyItems(file: String, count: Int, limit: Int)
    /// An output or input path would leave the output folder (`..`, absolute, symlink).
    case pathEscape(item: String, path: String, reason: String)
    /// One item failed at one stage (`stage` is `input`, `generate`, `decode` or a stage name).
    case itemFailed(item: String, stage: String, message: String)
    /// An output could not be written.
    case writeFailed(path: String, message: String)

    /// A one-line explanation naming the file, line and key, or the item and stage.
    public var description: String {
        switch self {
        case let .unreadable(file, message):
            return "\(file): cannot read the pipeline file: \(message)"
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): not valid YAML: \(message)"
        case let .unknownKey(file, line, key, suggestion, allowed):
            let hint = suggestion.map { "; did you mean `\($0)`?" } ?? "; known keys: \(allowed.joined(separator: ", "))"
            return "\(file):\(line): unknown key `\(key)`\(hint)"
        case let .missingKey(file, line, key):
            return "\(file):\(line): `\(key)` is required here"
        case let .wrongType(file, line, key, expected):
            return "\(file):\(line): `\(key)` must be \(expected)"
        case let .invalidValue(file, line, key, value, rule):
            return "\(file):\(line): `\(key)`: \(value) is not allowed: \(rule)"
        case let .invalidRequest(file, line, key, message):
            return "\(file):\(line): `\(key)`: the request is refused before anything is sent: \(message)"
        case let .tooManyItems(file, count, limit):
            return "\(file): the sweep expands to \(count) items, more than the limit of \(limit); raise it with --max-items"
        case let .pathEscape(item, path, reason):
            return "\(item): refused to write \(path): \(reason); every output stays inside the output folder"
        case let .itemFailed(item, stage, message):
            return "\(item): \(stage): \(message)"
        case let .writeFailed(path, message):
            return "\(path): \(message)"
        }
    }
}
