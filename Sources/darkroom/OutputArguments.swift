import ArgumentParser
import Codecs

/// Where `convert` and `thumbnail` write, and the batch loop they share: load every
/// input, process each image, write its result atomically, report each failure with its
/// name and go on, exit non-zero at the end when anything failed.
struct OutputArguments: ParsableArguments {
    @Option(help: "Folder for the outputs (created if missing).")
    var output: String?

    @Option(name: .short, help: "Output file, for a single input image.")
    var outputFile: String?

    func validate() throws {
        if output != nil && outputFile != nil { throw ValidationError("give either --output DIR or -o FILE, not both") }
    }

    /// Where the output of `item` goes: `-o FILE`, else `--output DIR/<stem>.<ext>`, else
    /// `<stem><suffix>.<ext>` next to the input.
    func path(for item: InputItem, format: ImageFormat, besideInputSuffix suffix: String) -> String {
        if let outputFile { return outputFile }
        if let output { return (output.hasSuffix("/") ? output : output + "/") + item.stem + "." + format.fileExtension }
        let name = item.stem + suffix + "." + format.fileExtension
        let source = item.name.split(separator: "#").first.map(String.init) ?? item.name
        guard let slash = source.lastIndex(of: "/") else { return name }
        return String(source[...slash]) + name
    }

    /// Runs the batch.
    /// - Parameters:
    ///   - inputs: Image files, response JSON files or base64 files.
    ///   - suffix: Added to the stem of outputs written next to their inputs.
    ///   - process: Turns one image into encoded bytes, their format and a note for the
    ///     progress line.
    /// - Throws: `ValidationError` when `-o FILE` meets several images, `CLIError` when the
    ///   output folder cannot be made, `ExitCode.failure` after any failed image.
    func run(
        inputs: [String], besideInputSuffix suffix: String,
        _ process: (InputItem) throws -> (bytes: [UInt8], format: ImageFormat, note: String)
    ) throws {
        var items: [InputItem] = []
        var failures = 0
        for path in inputs {
            do { items += try InputItem.load(path) } catch {
                Diagnostics.report(error)
                failures += 1
            }
        }
        if outputFile != nil && items.count + failures > 1 {
            throw ValidationError("-o FILE takes one image but the inputs hold \(items.count + failures); use --output DIR")
        }
        if let output { try AtomicFile.makeFolder(output) }
        for item in items {
            do {
                let result = try process(item)
                let destination = path(for: item, format: result.format, besideInputSuffix: suffix)
                if destination == item.name {
                    throw CLIError(subject: item.name, message: "the output would overwrite the input; use --output DIR or -o FILE")
                }
                try AtomicFile.write(result.bytes, to: destination)
                print("\(item.name) -> \(destination)\(result.note)")
            } catch {
                Diagnostics.report(error)
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
