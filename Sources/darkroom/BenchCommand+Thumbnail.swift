import Codecs
import Foundation
import Pixels

extension BenchCommand {
    /// W4 as `../shared/bench/peers.py` defines it: a thumbnail fitting 256×256 from each
    /// of the four 1024² PNG files on disk, file read and decode included, per image.
    /// Rows for classic (gamma-space) and linear-light resampling.
    func thumbnailRows(pngs: [[UInt8]], timer: BenchTimer) throws -> [Row] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-bench-w4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, png) in pngs.enumerated() {
            let path = folder.appendingPathComponent("w4-\(index).png").path
            try AtomicFile.write(png, to: path)
            paths.append(path)
        }
        var rows: [Row] = []
        for (variant, resize) in [("classic", ResizeOptions.classic), ("linear", ResizeOptions())] where wantVariant(variant) {
            var reducing = resize
            reducing.reducingGap = 2.5
            let options = ThumbnailOptions(fit: .inside, resize: reducing)
            let made = try Thumbnailer.thumbnail(try AtomicFile.read(paths[0]), width: 256, height: 256, options: options).image
            guard made.width == 256, made.height == 256 else {
                throw CLIError(subject: paths[0], message: "W4 thumbnail came out \(made.width)x\(made.height), not 256x256")
            }
            let s = try timer.measure(per: paths.count) {
                try parallel(paths) { path in _ = try Thumbnailer.thumbnail(try AtomicFile.read(path), width: 256, height: 256, options: options) }
            }
            rows.append(Row(id: "w4", variant: variant, task: "thumbnail 1024x1024 PNG file -> fit 256x256 (per image, mean of 4)",
                            summary: s, bytes: nil, extra: [:]))
        }
        return rows
    }
}
