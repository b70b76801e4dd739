// Darkroom's shim over libpng (reading; the fast path and the writer are Swift): each function arms setjmp before calling libpng, and
// turns png_error's longjmp into a return code plus a message. No image logic here.
#ifndef DR_PNG_H
#define DR_PNG_H

#include <stddef.h>
#include <stdint.h>

/// A PNG being read from memory. Opaque.
typedef struct dr_png_reader dr_png_reader;

/// What the header says, and the channel count after Darkroom's transforms
/// (palette and low bit depths expanded, tRNS to alpha, 16-bit scaled to 8).
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;   ///< bits per sample in the file
    int color_type;  ///< PNG colour type (0 gray, 2 rgb, 3 palette, 4 gray+alpha, 6 rgba)
    int interlaced;  ///< 1 for Adam7
    int has_trns;    ///< 1 when a tRNS chunk is present
    int channels;    ///< samples per pixel of the 8-bit output (1 to 4)
} dr_png_header;

/// One text chunk, pointing into the reader (valid until it is freed).
typedef struct {
    const char *key;
    const char *text;
    size_t length;
    int compression;  ///< -1 tEXt, 0 zTXt, 1 iTXt, 2 compressed iTXt (libpng's values)
    const char *lang;
    const char *lang_key;
} dr_png_text;

/// Starts reading `size` bytes at `data` (not copied: keep them alive). NULL when out of memory.
dr_png_reader *dr_png_reader_new(const uint8_t *data, size_t size);
/// Reads every chunk up to the image data and sets up the 8-bit transforms. 0 on success.
int dr_png_read_header(dr_png_reader *reader, dr_png_header *header);
/// Decodes all rows into `pixels` (`height` rows of `stride` bytes), then the chunks after
/// the image data. Call after dr_png_read_header. 0 on success.
int dr_png_read_pixels(dr_png_reader *reader, uint8_t *pixels, size_t stride);
/// libpng's message for the last failure.
const char *dr_png_reader_error(const dr_png_reader *reader);
/// After a failure: 1 when the data ran out, with the bytes a read still needed and the
/// rows decoded so far.
int dr_png_reader_truncation(const dr_png_reader *reader, size_t *missing, uint32_t *rows_done);
/// Number of text chunks read so far.
int dr_png_text_count(const dr_png_reader *reader);
/// The text chunk at `index`. 0 on success.
int dr_png_text_at(const dr_png_reader *reader, int index, dr_png_text *text);
/// The iCCP profile, if any: 1 when present.
int dr_png_iccp(const dr_png_reader *reader, const uint8_t **profile, uint32_t *length);
/// The eXIf block, if any: 1 when present.
int dr_png_exif(const dr_png_reader *reader, const uint8_t **exif, uint32_t *length);
/// Frees the reader.
void dr_png_reader_free(dr_png_reader *reader);

#endif
