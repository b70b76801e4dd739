import Pixels

/// Renders the offline generator's pictures: smooth value-noise fields and soft shapes
/// whose palette, layout and noise derive from a hash of the prompt and seed, with one
/// more octave of fine detail for every 8 steps. Deterministic: the same inputs give
/// the same pixels on every machine.
public enum OfflineRenderer {
    /// How many noise octaves a step count buys: 3, and 1 more per 8 steps, at most 9.
    public static func octaves(forSteps steps: Int) -> Int {
        min(9, 3 + max(0, steps) / 8)
    }

    /// Renders an RGB image.
    /// - Parameters:
    ///   - prompt: The prompt; it picks the palette and the shapes.
    ///   - seed: The seed; it varies them.
    ///   - steps: More steps add finer detail octaves.
    ///   - width: Width in pixels (1–16384).
    ///   - height: Height in pixels (1–16384).
    /// - Throws: `GenerationError.invalidValue` for an impossible size.
    public static func render(prompt: String, seed: Int, steps: Int, width: Int, height: Int) throws(GenerationError) -> Image {
        guard (1...16384).contains(width), (1...16384).contains(height), width * height <= 100_000_000 else {
            throw .invalidValue(field: "width × height", value: "\(width)x\(height)", rule: "the offline generator renders 1–16384 pixels per side, at most 100 MP")
        }
        var hasher = SHA256()
        hasher.update(data: Array("darkroom-offline\u{0}\(prompt)\u{0}\(seed)".utf8))
        let digest = Array(hasher.finalize())
        var state = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }

        // Palette: four colours around a hue picked by the hash.
        let baseHue = unit()
        var palette: [SIMD3<Float>] = []
        for k in 0..<4 {
            let hue = (baseHue + Float(k) * (0.08 + 0.12 * unit())).truncatingRemainder(dividingBy: 1)
            let saturation = 0.35 + 0.55 * unit()
            let lightness = 0.15 + 0.7 * Float(k) / 3 * (0.7 + 0.3 * unit())
            palette.append(hsl(hue, saturation, lightness))
        }
        // Shapes: soft discs.
        let discCount = 3 + Int(next() % 4)
        var discs: [SIMD4<Float>] = []  // x, y, radius², weight
        for _ in 0..<discCount {
            let r = 0.08 + 0.25 * unit()
            discs.append(SIMD4(unit(), unit(), r * r, (unit() - 0.35) * 0.9))
        }
        let noiseSeed = UInt32(truncatingIfNeeded: next())
        let octaveCount = octaves(forSteps: steps)
        let tilt = unit() - 0.5
        let short = Float(min(width, height))
        let baseFrequency: Float = 3 / short

        do {
            return try Image(width: width, height: height, layout: .rgb) { buffer, rowStride in
                guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
                for y in 0..<height {
                    let row = base + y * rowStride
                    let fy = Float(y)
                    let v = fy / Float(height)
                    for x in 0..<width {
                        let fx = Float(x)
                        let u = fx / Float(width)
                        // Each octave adds zero-mean detail at twice the frequency and 0.65 of the amplitude.
                        var amplitude: Float = 0.9, frequency = baseFrequency, sum: Float = 0
                        for octave in 0..<octaveCount {
                            sum += amplitude * (valueNoise(fx * frequency, fy * frequency, noiseSeed &+ UInt32(octave) &* 0x68E3_1DA4) - 0.5)
                            amplitude *= 0.65
                            frequency *= 2
                        }
                        var t = 0.5 + sum
                        for disc in discs {
                            let dx = u - disc.x, dy = (v - disc.y) * Float(height) / Float(width)
                            let d = (dx * dx + dy * dy) / disc.z
                            t += disc.w / (1 + d * d * 4)
                        }
                        t += tilt * (v - 0.5)
                        let colour = gradient(palette, t)
                        row[x * 3] = UInt8(clamping: Int(colour.x * 255 + 0.5))
                        row[x * 3 + 1] = UInt8(clamping: Int(colour.y * 255 + 0.5))
                        row[x * 3 + 2] = UInt8(clamping: Int(colour.z * 255 + 0.5))
                    }
                }
            }
        } catch {
            throw .invalidValue(field: "width × height", value: "\(width)x\(height)", rule: "\(error)")
        }
    }

    @inline(__always)
    static func lattice(_ x: Int32, _ y: Int32, _ seed: UInt32) -> Float {
        var h = UInt32(bitPattern: x) &* 0x27D4_EB2D ^ UInt32(bitPattern: y) &* 0x1656_67B1 ^ seed
        h = (h ^ (h >> 15)) &* 0x85EB_CA6B
        h = (h ^ (h >> 13)) &* 0xC2B2_AE35
        h ^= h >> 16
        return Float(h >> 8) / Float(1 << 24)
    }

    @inline(__always)
    static func valueNoise(_ x: Float, _ y: Float, _ seed: UInt32) -> Float {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int32(truncatingIfNeeded: Int(fx)), iy = Int32(truncatingIfNeeded: Int(fy))
        let tx = x - fx, ty = y - fy
        let sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty)
        let a = lattice(ix, iy, seed), b = lattice(ix &+ 1, iy, seed)
        let c = lattice(ix, iy &+ 1, seed), d = lattice(ix &+ 1, iy &+ 1, seed)
        let top = a + (b - a) * sx, bottom = c + (d - c) * sx
        return top + (bottom - top) * sy
    }

    static func gradient(_ palette: [SIMD3<Float>], _ t: Float) -> SIMD3<Float> {
        let clamped = min(max(t, 0), 0.9999) * Float(palette.count - 1)
        let i = Int(clamped)
        let f = clamped - Float(i)
        let s = f * f * (3 - 2 * f)
        return palette[i] + (palette[i + 1] - palette[i]) * s
    }

    static func hsl(_ h: Float, _ s: Float, _ l: Float) -> SIMD3<Float> {
        let c = (1 - abs(2 * l - 1)) * s
        let hp = h * 6
        let x = c * (1 - abs(hp.truncatingRemainder(dividingBy: 2) - 1))
        let rgb: SIMD3<Float>
        switch Int(hp) % 6 {
        case 0: rgb = SIMD3(c, x, 0)
        case 1: rgb = SIMD3(x, c, 0)
        case 2: rgb = SIMD3(0, c, x)
        case 3: rgb = SIMD3(0, x, c)
        case 4: rgb = SIMD3(x, 0, c)
        default: rgb = SIMD3(c, 0, x)
        }
        return rgb + SIMD3(repeating: l - c / 2)
    }
}
