// zlib's run-length strategy for the PNG encoder (see dr_zlib.c).
#ifndef DR_ZLIB_H
#define DR_ZLIB_H

#include <stddef.h>
#include <stdint.h>

/// The most bytes dr_zlib_rle_compress can write for `size` input bytes.
size_t dr_zlib_rle_bound(size_t size);

/// Compresses `size` bytes into a zlib stream with zlib's Z_RLE strategy (Huffman codes
/// with matches at distance 1 only) at `level` (1–9). Returns the bytes written to `out`,
/// or 0 when zlib fails or `capacity` is too small.
size_t dr_zlib_rle_compress(const uint8_t *data, size_t size, int level, uint8_t *out, size_t capacity);

#endif
