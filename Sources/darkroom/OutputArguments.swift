import ArgumentParser
import Codecs
import Dispatch
import Foundation

/// Where `convert` and `thumbnail` write, and the batch loop they share: load every
/// input, process up to `--threads` images at once, write each result atomically and
/// report it (or its failure, with its name) in input order, exit non-zero at the end
/// when anything failed.
struct OutputArguments: ParsableArguments {
    @Option(help: "Folder for the outputs (created if missing).")
    var output: String?

    @Option(name: .short, help: "Output file, for a single input image.")
    var outputFile: String?

    @Option(help: "Threads to use: up to N images at once, each resize banded over N / (images at once) threads (default: the number of cores).")
    var threads: Int?

    func validate() throws {
        if output != nil && outputFile != nil { throw ValidationError("give either --output DIR or -o FILE, not both") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The thread budget: `--threads`, or the number of active cores.
    var threadBudget: Int { threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// How a budget of `budget` threads is shared by `count` images: images processed at
    /// once, and threads each image's resize may use (their product is at most `budget`).
    static func share(_ budget: Int, among count: Int) -> (inFlight: Int, perImage: Int) {
        let inFlight = max(1, min(budget, count))
        return (inFlight, max(1, budget / inFlight))
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

    /// Runs the batch: up to `share(threadBudget, among: images).inFlight` images at once,
    /// each image taken by the next free thread; outputs are written and reported in input
    /// order (`BatchReporter`). Only the images in flight are decoded at any time.
    /// - Parameters:
    ///   - inputs: Image files, response JSON files or base64 files.
    ///   - suffix: Added to the stem of outputs written next to their inputs.
    ///   - process: Turns one image into encoded bytes, their format and a note for the
    ///     progress line; its second argument is the threads its resize may use
    ///     (`ResizeOptions.threads`). Called from several threads at once.
    /// - Throws: `ValidationError` when `-o FILE` meets several images, `CLIError` when the
    ///   output folder cannot be made, `ExitCode.failure` after any failed image.
    func run(
        inputs: [String], besideInputSuffix suffix: String,
        _ process: @Sendable (InputItem, Int) throws -> (bytes: [UInt8], format: ImageFormat, note: String)
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
        let (inFlight, perImage) = Self.share(threadBudget, among: items.count)
        let images = items
        let reporter = BatchReporter(names: images.map(\.name))
        let queue = WorkQueue(count: items.count)
        @Sendable func work(_: Int) {
            while let index = queue.take() {
                let item = images[index]
                do {
                    let result = try process(item, perImage)
                    let destination = path(for: item, format: result.format, besideInputSuffix: suffix)
                    if destination == item.name {
                        throw CLIError(subject: item.name, message: "the output would overwrite the input; use --output DIR or -o FILE")
                    }
                    reporter.finish(.output(bytes: result.bytes, destination: destination, note: result.note), at: index)
                } catch {
                    reporter.finish(.failure(error), at: index)
                }
            }
        }
        if inFlight == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: inFlight, execute: work) }
        if failures + reporter.failures > 0 { throw ExitCode.failure }
    }
}
