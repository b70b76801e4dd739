import ArgumentParser
import Foundation
import Generation
import Pipeline

/// `darkroom run`: runs a pipeline file (a thin front end over the `Pipeline` module).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: a source (generate, sweep or inputs), stages in order, an output folder.",
        discussion: """
        The file is checked in full before anything runs or is paid for. Without \
        TOGETHER_API_KEY generation uses the offline generator. The exit status is 1 when \
        any item failed.
        """
    )

    @Argument(help: "The pipeline file (YAML).")
    var file: String

    @Option(help: "Output folder (overrides the file's output:).")
    var output: String?

    @Flag(help: "Print the plan without generating or writing anything.")
    var dryRun = false

    @Option(help: "Images processed at once (default: the number of cores).")
    var threads: Int?

    @Flag(help: "Print one JSON object per line on stdout.")
    var json = false

    @Flag(help: "Print only errors.")
    var quiet = false

    @Option(help: "The most items a sweep may expand to (default 10000).")
    var maxItems: Int = 10_000

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if maxItems < 1 { throw ValidationError("--max-items must be at least 1") }
    }

    func run() async throws {
        let definition: PipelineDefinition
        do { definition = try PipelineLoader.load(file, maxItems: maxItems) } catch {
            Diagnostics.report(error)
            throw ExitCode.failure
        }
        let folder = output ?? definition.output
        if dryRun {
            let requests = definition.items.filter { if case .request = $0.origin { true } else { false } }.count
            if json {
                let object: JSONValue = .object(["event": .string("plan"), "items": .number(Double(definition.items.count)),
                                                 "requests": .number(Double(requests)), "output": .string(folder),
                                                 "stages": .array(definition.stages.map { .string($0.name) })])
                print(String(decoding: GenerateCommand.encode(object, pretty: false), as: UTF8.self))
            } else {
                print("plan: \(definition.items.count) items, \(requests) requests, stages \(definition.stages.map(\.name).joined(separator: " → ")), output \(folder)")
                for item in definition.items { print("  \(item.name)") }
            }
            return
        }
        let key = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        var client: TogetherClient?
        let generator: any ImageGenerator
        let hasRequests = definition.items.contains { if case .request = $0.origin { true } else { false } }
        if let key, definition.backend != "local" {
            let made = TogetherClient(configuration: TogetherConfiguration(
                apiKey: key, timeout: definition.timeout, retry: RetryPolicy(maxRetries: definition.retries)))
            client = made
            generator = made
        } else {
            if hasRequests && !quiet { Diagnostics.note("no TOGETHER_API_KEY: using the offline generator (procedural images, not a model)") }
            generator = OfflineGenerator()
        }
        let runner = PipelineRunner(definition: definition, output: folder,
                                    threads: threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount), generator: generator)
        let quiet = self.quiet, json = self.json
        let summary = await runner.run { line, isError in
            if isError {
                if json { print(String(decoding: GenerateCommand.encode(.object(["event": .string("failed"), "error": .string(line)]), pretty: false), as: UTF8.self)) }
                Diagnostics.note(line)
            } else if json {
                print(String(decoding: GenerateCommand.encode(.object(["event": .string("finished"), "item": .string(line)]), pretty: false), as: UTF8.self))
            } else if !quiet {
                print(line)
            }
        }
        await client?.shutdown()
        let rate = summary.seconds > 0 ? Double(summary.done) / summary.seconds : 0
        if json {
            var fields: [String: JSONValue] = [:]
            fields["event"] = .string("summary")
            fields["done"] = .number(Double(summary.done))
            fields["failed"] = .number(Double(summary.failures.count))
            fields["outputs"] = .number(Double(summary.outputs))
            fields["requests"] = .number(Double(summary.requests))
            fields["seconds"] = .number(summary.seconds)
            let object = JSONValue.object(fields)
            print(String(decoding: GenerateCommand.encode(object, pretty: false), as: UTF8.self))
        } else if !quiet {
            Diagnostics.note(String(format: "%d done, %d failed, %d files, %d requests, %.1f s, %.1f images/s",
                                    summary.done, summary.failures.count, summary.outputs, summary.requests, summary.seconds, rate))
        }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}
