import ArgumentParser
import Codecs
import Dispatch
import Foundation
import Pixels

/// `darkroom bench`: the peers' workloads (../shared/bench/peers.py), measured here.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Darkroom on the peer benchmark's workloads (W1 base64, W2 decode, W3 resize, W5 encode, W6 contact sheet).",
        discussion: "Medians of at least --reps runs after warm-up, as ../shared/bench/peers.py measures its peers; ids match its JSON."
    )

    @Option(help: "Folder holding response-n4.json and the corpus PNGs.")
    var corpus: String = "../shared/corpus"

    @Flag(help: "Print {\"rows\":[…]} JSON instead of a table.")
    var json = false

    @Option(help: "Images processed at once (W2 and W5 spread the four images over this many threads).")
    var threads: Int = 1

    @Option(help: "Minimum timed runs per workload.")
    var reps: Int = 7

    @Option(help: "Only these workload ids, comma-separated (e.g. w1_b64,w2_png).")
    var only: String?

    @Option(help: "Only these variants of W3, W4 and W6, comma-separated (classic, linear, classic-gap2, linear-gap2, classic-bands2, linear-bands2).")
    var variant: String?

    @Flag(help: "Time with the process's CPU clock instead of the wall clock (steadier on a busy machine; not comparable with peers.py).")
    var cpuTime = false

    /// Whether `--variant` lets a resize variant run.
    func wantVariant(_ name: String) -> Bool {
        guard let variant else { return true }
        return variant.split(separator: ",").contains { $0 == name }
    }

    struct Row {
        let id: String
        let variant: String
        let task: String
        let summary: BenchTimer.Summary
        let bytes: Int?
        let extra: [String: Any]
    }

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if reps < 1 { throw ValidationError("--reps must be at least 1") }
        if let variant {
            let known = Self.variantNames
            for name in variant.split(separator: ",").map(String.init) where !known.contains(name) {
                throw ValidationError("--variant \(name) is not one of \(known.joined(separator: ", "))")
            }
        }
    }

    /// Every resize variant `--variant` can name.
    static let variantNames = sheetVariants.map(\.0) + resizeVariants.map { $0.0 + "-bands2" }

    func run() throws {
        let timer = BenchTimer(reps: reps, cpuTime: cpuTime)
        let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
        func want(_ id: String) -> Bool { wanted?.contains(id) ?? true }

        let responsePath = (corpus.hasSuffix("/") ? corpus : corpus + "/") + "response-n4.json"
        let raw = try AtomicFile.read(responsePath)
        guard let object = try JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any],
              let data = object["data"] as? [[String: Any]] else {
            throw CLIError(subject: responsePath, message: "not an images response with a \"data\" array")
        }
        let payloads: [[UInt8]] = data.compactMap { ($0["b64_json"] as? String).map { Array($0.utf8) } }
        guard payloads.count == 4 else { throw CLIError(subject: responsePath, message: "expected 4 b64_json items, found \(payloads.count)") }
        let pngs = try payloads.map { try Base64.decode($0) }
        var rows: [Row] = []

        if want("w1_b64") {
            let chars = payloads.reduce(0) { $0 + $1.count }
            var sink = 0
            let s = timer.measure { for p in payloads { sink &+= (try? Base64.decode(p))?.count ?? 0 } }
            rows.append(Row(id: "w1_b64", variant: "Base64.decode (\(Base64.implementation))",
                            task: String(format: "base64 decode of the 4 b64_json payloads (%.2f MB of text)", Double(chars) / 1e6),
                            summary: s, bytes: chars, extra: ["mb_per_s": Double(chars) / 1e6 / (s.median / 1000)]))
            if sink == 0 { Diagnostics.note("base64 decode produced nothing") }
        }
        if want("w1_json") {
            let s = timer.measure { _ = try? JSONSerialization.jsonObject(with: Data(raw)) }
            rows.append(Row(id: "w1_json", variant: "JSONSerialization", task: "JSON parse of the whole response",
                            summary: s, bytes: raw.count, extra: ["mb_per_s": Double(raw.count) / 1e6 / (s.median / 1000)]))
        }

        let images = try pngs.map { try PNGCodec.decode($0).image }
        if want("w2_png") {
            let s = try timer.measure(per: 4) { try parallel(pngs) { _ = try PNGCodec.decode($0) } }
            rows.append(Row(id: "w2_png", variant: "libdeflate + SIMD unfilter", task: "PNG decode 1024x1024 RGB (per image, mean of 4)",
                            summary: s, bytes: pngs.reduce(0) { $0 + $1.count } / 4, extra: [:]))
        }
        if want("w2_jpg") {
            let jpegs = try images.map { try JPEGCodec.encode($0, options: JPEGEncodeOptions(quality: 90)) }
            let s = try timer.measure(per: 4) { try parallel(jpegs) { _ = try JPEGCodec.decode($0) } }
            rows.append(Row(id: "w2_jpg", variant: "libjpeg-turbo", task: "JPEG q90 decode 1024x1024 (per image, mean of 4)",
                            summary: s, bytes: jpegs.reduce(0) { $0 + $1.count } / 4, extra: [:]))
        }
        if want("w4") { rows += try thumbnailRows(pngs: pngs, timer: timer) }
        let encoders: [(String, String, EncodeSettings)] = [
            ("w5_jpeg", "JPEG q85 4:2:0", .jpeg(JPEGEncodeOptions(quality: 85))),
            ("w5_webp", "WebP q80 method 4", .webp(WebPEncodeOptions(quality: 80, effort: 4))),
            ("w5_png", "PNG default: level 6 run-length, adaptive filters", .png(PNGEncodeOptions())),
        ]
        for (id, variant, settings) in encoders where want(id) {
            let sizes = try images.map { try ImageEncoder.encode($0, as: settings).count }
            let s = try timer.measure(per: 4) { try parallel(images) { _ = try ImageEncoder.encode($0, as: settings) } }
            rows.append(Row(id: id, variant: variant, task: "encode 1024x1024 RGB: \(variant) (per image, mean of 4)",
                            summary: s, bytes: sizes.reduce(0, +) / sizes.count, extra: [:]))
        }
        rows += try resizeRows(images, want: want, timer: timer)
        output(rows)
    }

    /// The resize options of each reported variant: Pillow's and libvips' gamma-space
    /// straight-alpha result, and Darkroom's default (linear light, premultiplied alpha).
    private static let resizeVariants: [(String, ResizeOptions)] = [("classic", .classic), ("linear", ResizeOptions())]

    /// W6 also with Pillow's thumbnail default, a reducing gap of 2 (libvips' `resize`
    /// shrinks the same way).
    private static let sheetVariants: [(String, ResizeOptions)] = resizeVariants + [
        ("classic-gap2", ResizeOptions(linearLight: false, premultiplyAlpha: false, reducingGap: 2)),
        ("linear-gap2", ResizeOptions(reducingGap: 2)),
    ]

    /// W3 (Lanczos3 resizes of decoded pixels) and W6 (4×4 contact sheet, JPEG q85).
    private func resizeRows(_ images: [Image], want: (String) -> Bool, timer: BenchTimer) throws -> [Row] {
        var rows: [Row] = []
        let widePath = (corpus.hasSuffix("/") ? corpus : corpus + "/") + "s05_path_1344x768.png"
        for (variant, options) in Self.resizeVariants where wantVariant(variant) {
            if want("w3_sq") {
                let s = try timer.measure { _ = try images[0].resized(width: 512, height: 512, options: options) }
                rows.append(Row(id: "w3_sq", variant: variant, task: "resize 1024x1024 -> 512x512 (Lanczos3)", summary: s, bytes: nil, extra: [:]))
            }
            if want("w3_wide") {
                let wide = try PNGCodec.decode(try AtomicFile.read(widePath)).image
                let s = try timer.measure { _ = try wide.resized(width: 336, height: 192, options: options) }
                rows.append(Row(id: "w3_wide", variant: variant, task: "resize 1344x768 -> 336x192 (Lanczos3)", summary: s, bytes: nil, extra: [:]))
            }
        }
        // W3 square also as one resize in two row bands run at once (the peers' rows are
        // single-threaded; this one uses two cores).
        for (variant, options) in Self.resizeVariants where want("w3_sq") && wantVariant(variant + "-bands2") {
            let s = try timer.measure { _ = try images[0].resized(width: 512, height: 512, options: options, bands: 2) }
            rows.append(Row(id: "w3_sq", variant: variant + "-bands2", task: "resize 1024x1024 -> 512x512 (Lanczos3), 2 row bands at once",
                            summary: s, bytes: nil, extra: [:]))
        }
        for (variant, options) in Self.sheetVariants where wantVariant(variant) {
            if want("w6") {
                let sixteen = (0..<16).map { images[$0 % images.count] }
                var bytes = 0
                let s = try timer.measure { bytes = try contactSheet(sixteen, options: options).count }
                rows.append(Row(id: "w6", variant: variant, task: "contact sheet 16x 1024x1024 -> 4x4 of 256 + 8px gutter, JPEG q85",
                                summary: s, bytes: bytes, extra: [:]))
            }
        }
        return rows
    }

    /// W6 as peers.py defines it: 256² cells, 8 px white gutter between and around
    /// (1064×1064), JPEG q85.
    private func contactSheet(_ images: [Image], options: ResizeOptions) throws -> [UInt8] {
        let cell = 256, gutter = 8, across = 4
        let side = across * cell + (across + 1) * gutter
        var sheet = try Image(width: side, height: side, layout: .rgb, filledWith: 255)
        for (k, image) in images.enumerated() {
            let thumb = try image.resized(width: cell, height: cell, options: options)
            sheet.composite(thumb, x: gutter + (k % across) * (cell + gutter), y: gutter + (k / across) * (cell + gutter))
        }
        return try JPEGCodec.encode(sheet, options: JPEGEncodeOptions(quality: 85))
    }

    /// Runs `body` on each element, `threads` at a time.
    func parallel<T: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> Void) throws {
        if threads == 1 {
            for item in items { try body(item) }
            return
        }
        let failure = LockedBox<(any Error)?>(nil)
        let perThread = (items.count + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in (t * perThread)..<min(items.count, (t + 1) * perThread) {
                do { try body(items[i]) } catch { failure.set(error) }
            }
        }
        if let error = failure.get() { throw error }
    }

    private func output(_ rows: [Row]) {
        if json {
            let list: [[String: Any]] = rows.map { row in
                var d: [String: Any] = [
                    "id": row.id, "variant": row.variant, "task": row.task, "median_ms": row.summary.median,
                    "min_ms": row.summary.min, "max_ms": row.summary.max, "n": row.summary.n, "threads": threads,
                ]
                if let bytes = row.bytes { d["bytes"] = bytes }
                for (k, v) in row.extra { d[k] = v }
                return d
            }
            if let data = try? JSONSerialization.data(withJSONObject: ["rows": list], options: [.prettyPrinted, .sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
            return
        }
        print("id        median ms    min ms    max ms    n  variant / task")
        for row in rows {
            var line = row.id.padding(toLength: 8, withPad: " ", startingAt: 0)
            line += String(format: " %10.3f %9.3f %9.3f %4d  ", row.summary.median, row.summary.min, row.summary.max, row.summary.n)
            line += row.variant
            if let mbs = row.extra["mb_per_s"] as? Double { line += String(format: " — %.0f MB/s", mbs) }
            if row.id.hasPrefix("w5") || row.id == "w6", let bytes = row.bytes { line += " — \(bytes / 1024) KiB" }
            print(line)
        }
    }
}

/// A value shared between threads behind a lock.
final class LockedBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()

    init(_ value: T) { self.value = value }

    func set(_ newValue: T) { lock.lock(); value = newValue; lock.unlock() }

    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
}
