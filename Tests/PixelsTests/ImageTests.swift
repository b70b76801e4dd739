import Testing
import Pixels

@Suite struct ImageTests {
    @Test func rejectsZeroAndNegativeSizes() {
        #expect(throws: PixelsError.invalidSize(width: 0, height: 4)) {
            try Image(width: 0, height: 4, layout: .rgb, pixels: [])
        }
        #expect(throws: PixelsError.invalidSize(width: 3, height: -1)) {
            try Image(width: 3, height: -1, layout: .gray, filledWith: 0)
        }
    }

    @Test func rejectsShortBuffersAndStrides() {
        #expect(throws: PixelsError.bufferTooSmall(bytes: 11, needed: 12)) {
            try Image(width: 2, height: 2, layout: .rgb, pixels: [UInt8](repeating: 0, count: 11))
        }
        #expect(throws: PixelsError.invalidStride(stride: 5, minimum: 6)) {
            try Image(width: 2, height: 2, layout: .rgb, rowStride: 5, pixels: [UInt8](repeating: 0, count: 20))
        }
    }

    @Test func paddedRowsCompareEqualToPackedRows() throws {
        let padded = try Image(width: 2, height: 2, layout: .gray, rowStride: 4, pixels: [1, 2, 99, 99, 3, 4, 77, 77])
        let packed = try Image(width: 2, height: 2, layout: .gray, pixels: [1, 2, 3, 4])
        #expect(padded == packed)
        #expect(padded.packed().pixels == [1, 2, 3, 4])
        #expect(padded.pixel(x: 1, y: 1) == [4])
        #expect(padded.pixel(x: 2, y: 0) == nil)
    }

    @Test func copiesAreIndependentValues() throws {
        let a = try Image(width: 2, height: 1, layout: .rgba, filledWith: 10)
        var b = a
        b.withUnsafeMutableBytes { $0[0] = 200 }
        #expect(a.pixel(x: 0, y: 0) == [10, 10, 10, 10])
        #expect(b.pixel(x: 0, y: 0) == [200, 10, 10, 10])
    }

    @Test func alphaModeIsStraightWithoutAlpha() throws {
        let img = try Image(width: 1, height: 1, layout: .rgb, alphaMode: .premultiplied, filledWith: 0)
        #expect(img.alphaMode == .straight)
    }
}
