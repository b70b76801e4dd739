import Codecs
import Dispatch
import Foundation
import Generation

/// Runs a pipeline: items stream through generation (at most `concurrency` requests in
/// flight) and the per-item stages (at most `threads` images at once); every output is
/// written atomically inside the output folder; a failed item is reported and the
/// others go on; gather stages run at the end on every finished item.
public struct PipelineRunner: Sendable {
    /// The pipeline.
    public var definition: PipelineDefinition
    /// The output folder.
    public var output: String
    /// Images processed at once.
    public var threads: Int
    /// Where generation requests go.
    public var generator: any ImageGenerator

    /// Creates a runner.
    public init(definition: PipelineDefinition, output: String? = nil, threads: Int = 1, generator: any ImageGenerator = OfflineGenerator()) {
        self.definition = definition
        self.output = output ?? definition.output
        self.threads = max(1, threads)
        self.generator = generator
    }

    /// The per-item chain for one image: every item stage in order.
    /// - Returns: The outputs the write taps made.
    /// - Throws: `PipelineError` naming the item and stage.
    public static func chain(_ stages: [any ItemStage], state: inout ItemState, context: StageContext) throws(PipelineError) -> [EncodedOutput] {
        var outputs: [EncodedOutput] = []
        for stage in stages { try stage.apply(&state, context: context, outputs: &outputs) }
        return outputs
    }

    /// Runs every item; `report` gets one line per finished or failed item (called in plan order).
    public func run(report: @escaping @Sendable (String, Bool) -> Void) async -> RunSummary {
        let started = ContinuousClock.now
        var summary = RunSummary()
        do { try FileAccess.makeFolder(output) } catch {
            summary.failures.append(error.description)
            return summary
        }
        let itemStages = definition.stages.compactMap { if case let .item(s) = $0 { s } else { nil } }
        let gatherStages = definition.stages.compactMap { if case let .gather(s) = $0 { s } else { nil } }
        let items = definition.items
        let perImage = max(1, threads / max(1, min(threads, items.count)))
        let inFlight = max(threads, definition.concurrency)
        var results = [Result<[String], PipelineError>?](repeating: nil, count: items.count)
        var finished: [FinishedItem] = []
        await withTaskGroup(of: (Int, Result<[String], PipelineError>, Bool).self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask { await self.process(items[index], stages: itemStages, resizeThreads: perImage) }
            }
            while next < min(inFlight, items.count) { add() }
            var reported = 0
            for await (index, result, generated) in group {
                results[index] = result
                if generated { summary.requests += 1 }
                if next < items.count { add() }
                while reported < items.count, let r = results[reported] {
                    let item = items[reported]
                    switch r {
                    case let .success(paths):
                        summary.done += 1
                        summary.outputs += paths.count
                        finished.append(FinishedItem(index: reported, name: item.name, fields: item.fields, outputs: paths))
                        report("\(item.name) -> \(paths.joined(separator: ", "))", false)
                    case let .failure(error):
                        summary.failures.append(error.description)
                        report(error.description, true)
                    }
                    reported += 1
                }
            }
        }
        for stage in gatherStages {
            do {
                for out in try stage.gather(finished, folder: output) { try write(out, item: stage.name) }
            } catch {
                summary.failures.append(error.description)
                report(error.description, true)
            }
        }
        for item in items { if case let .request(r) = item.origin { summary.megapixels += Double((r.width ?? 1024) * (r.height ?? 1024)) / 1e6 } }
        let elapsed = ContinuousClock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }

    private func process(_ item: WorkItem, stages: [any ItemStage], resizeThreads: Int) async -> (Int, Result<[String], PipelineError>, Bool) {
        let index = item.fields.index
        let bytes: [UInt8]
        var generated = false
        var model: String?
        switch item.origin {
        case let .bytes(b): bytes = b
        case let .request(request):
            model = request.model
            let runner = GenerationRunner(generator: generator, maxConcurrentRequests: 1)
            do {
                bytes = try await runner.one(request, index: index).bytes
                generated = true
            } catch {
                return (index, .failure(.itemFailed(item: item.name, stage: "generate", message: error.description)), false)
            }
        }
        let context = StageContext(name: item.name, fields: item.fields, model: model)
        let result: Result<[String], PipelineError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.develop(bytes, item: item, stages: stages, context: context, resizeThreads: resizeThreads))
            }
        }
        return (index, result, generated)
    }

    private func develop(_ bytes: [UInt8], item: WorkItem, stages: [any ItemStage], context: StageContext,
                         resizeThreads: Int) -> Result<[String], PipelineError> {
        do throws(PipelineError) {
            var state: ItemState
            do { state = try ItemState(encoded: bytes, resizeThreads: resizeThreads) } catch {
                throw .itemFailed(item: item.name, stage: "decode", message: error.description)
            }
            let outputs = try Self.chain(stages, state: &state, context: context)
            for out in outputs { try write(out, item: item.name) }
            return .success(outputs.map(\.relativePath))
        } catch {
            return .failure(error)
        }
    }

    private func write(_ out: EncodedOutput, item: String) throws(PipelineError) {
        if let reason = OutputPath.escape(out.relativePath, in: output) { throw .pathEscape(item: item, path: out.relativePath, reason: reason) }
        let path = output + "/" + out.relativePath
        let folder = (path as NSString).deletingLastPathComponent
        try FileAccess.makeFolder(folder)
        try FileAccess.write(out.bytes, to: path)
    }
}
