// zlib's Z_RLE strategy: on filtered photographic rows, LZ77 matches longer than a run
// of one byte are rare and cost more bits than the literals they replace, so Huffman
// codes with distance-1 runs are both smaller and far cheaper than a match search.
#include "dr_zlib.h"

#include <limits.h>
#include <string.h>
#include <zlib.h>

size_t dr_zlib_rle_bound(size_t size) {
    // deflateBound's conservative bound (any strategy or memLevel), with room to spare.
    return size + ((size + 7) >> 3) + ((size + 63) >> 6) + 5 + 6 + 64;
}

size_t dr_zlib_rle_compress(const uint8_t *data, size_t size, int level, uint8_t *out, size_t capacity) {
    if (size > UINT_MAX || capacity > UINT_MAX) return 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, level, Z_DEFLATED, 15, 9, Z_RLE) != Z_OK) return 0;
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)size;
    stream.next_out = out;
    stream.avail_out = (uInt)capacity;
    int status = deflate(&stream, Z_FINISH);
    size_t written = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? written : 0;
}
