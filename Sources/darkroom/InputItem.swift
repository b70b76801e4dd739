import Codecs
import Foundation

/// One encoded image taken from an input: a file, an item of an API response, or a
/// base64 text file.
struct InputItem {
    /// How messages and output names refer to it: the path, with `#N` for response items.
    let name: String
    /// The file name stem outputs are named after (`photo`, `response-2`).
    let stem: String
    /// The encoded image.
    let bytes: [UInt8]

    /// Reads an input file and splits it into images.
    ///
    /// An image file is one item. A JSON images-API response (`{"data":[{"b64_json":…}]}`)
    /// gives one item per entry. Any other text is taken as one base64 payload (a `.b64`
    /// file; a `data:` URI prefix is allowed, surrounding whitespace ignored).
    /// - Throws: `CLIError` naming the file (and item) and what was wrong.
    static func load(_ path: String) throws(CLIError) -> [InputItem] {
        let bytes = try AtomicFile.read(path)
        let stem = Self.stem(of: path)
        if bytes.isEmpty { throw CLIError(subject: path, message: DecodeError.empty.description) }
        if ImageFormat.sniff(bytes) != nil { return [InputItem(name: path, stem: stem, bytes: bytes)] }
        let firstNonSpace = bytes.first { !isWhitespace($0) }
        if firstNonSpace == UInt8(ascii: "{") { return try responseItems(bytes, path: path, stem: stem) }
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            throw CLIError(subject: path, message: DecodeError.unrecognisedFormat(leadingBytes: Array(bytes.prefix(8))).description)
        }
        return [InputItem(name: path, stem: stem, bytes: try decodeBase64(trimmed(bytes), subject: path))]
    }

    private static func responseItems(_ bytes: [UInt8], path: String, stem: String) throws(CLIError) -> [InputItem] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw CLIError(subject: path, message: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = json as? [String: Any], let data = object["data"] as? [[String: Any]] else {
            throw CLIError(subject: path, message: "JSON without a \"data\" array of images; expected an images API response")
        }
        guard !data.isEmpty else { throw CLIError(subject: path, message: "the response's \"data\" array is empty") }
        var items: [InputItem] = []
        for (position, entry) in data.enumerated() {
            let index = (entry["index"] as? Int) ?? position
            let name = "\(path)#\(index)"
            if let text = entry["b64_json"] as? String {
                items.append(InputItem(name: name, stem: "\(stem)-\(index)", bytes: try decodeBase64(Array(text.utf8), subject: name)))
            } else if entry["url"] is String {
                throw CLIError(subject: name, message: "the item holds a URL, not image data; fetch it with `darkroom generate` or request response_format base64")
            } else {
                throw CLIError(subject: name, message: "the item has neither \"b64_json\" nor \"url\"")
            }
        }
        return items
    }

    private static func decodeBase64(_ text: [UInt8], subject: String) throws(CLIError) -> [UInt8] {
        do {
            return try Base64.decode(text)
        } catch {
            throw CLIError(subject: subject, message: "invalid base64: \(error)")
        }
    }

    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isWhitespace($0) }) else { return [] }
        return Array(bytes[first...last])
    }

    /// The file name without folders and without its last extension.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
