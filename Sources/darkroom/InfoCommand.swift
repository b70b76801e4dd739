import ArgumentParser
import Codecs
import Foundation

/// `darkroom info`: what each image file (or response item) holds.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show format, size, layout, bit depth, ICC profile and metadata keys of images.",
        discussion: "Inputs may be image files, images-API response JSON files or base64 text files."
    )

    @Argument(help: "Image files, response JSON files or .b64 files.")
    var inputs: [String]

    @Flag(help: "Print a JSON array instead of text.")
    var json = false

    func run() throws {
        var records: [[String: Any]] = []
        var failures = 0
        for path in inputs {
            let items: [InputItem]
            do {
                items = try InputItem.load(path)
            } catch {
                Diagnostics.report(error)
                failures += 1
                continue
            }
            for item in items {
                do throws(DecodeError) {
                    let info = try ImageDecoder.readInfo(item.bytes)
                    let record = Self.record(item, info)
                    if json { records.append(record) } else { print(Self.text(item, info)) }
                } catch {
                    Diagnostics.report(CLIError(subject: item.name, message: error.description))
                    failures += 1
                }
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: records, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        if failures > 0 { throw ExitCode.failure }
    }

    static func record(_ item: InputItem, _ info: ImageInfo) -> [String: Any] {
        var record: [String: Any] = [
            "file": item.name, "format": info.format.rawValue, "width": info.width, "height": info.height,
            "layout": info.layout.rawValue, "colourModel": info.colourModel, "bitDepth": info.bitDepth,
            "interlaced": info.interlaced, "icc": info.metadata.iccProfile != nil,
            "metadata": info.metadata.keys, "bytes": item.bytes.count,
        ]
        if let lossless = info.lossless { record["lossless"] = lossless }
        if let orientation = info.metadata.orientation { record["orientation"] = orientation.rawValue }
        return record
    }

    static func text(_ item: InputItem, _ info: ImageInfo) -> String {
        var parts = [
            info.format.displayName, "\(info.width)x\(info.height)", info.layout.rawValue,
            "\(info.bitDepth)-bit \(info.colourModel)",
        ]
        if info.interlaced { parts.append(info.format == .jpeg ? "progressive" : "interlaced") }
        if let lossless = info.lossless { parts.append(lossless ? "lossless" : "lossy") }
        parts.append(info.metadata.iccProfile != nil ? "ICC profile" : "no ICC profile")
        if let orientation = info.metadata.orientation, orientation != .up { parts.append("orientation \(orientation.rawValue)") }
        let keys = info.metadata.keys
        parts.append(keys.isEmpty ? "no metadata" : "metadata: " + keys.joined(separator: ", "))
        parts.append("\(item.bytes.count) bytes")
        return "\(item.name): " + parts.joined(separator: ", ")
    }
}
