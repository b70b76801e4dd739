#ifndef DR_JPEG_H
#define DR_JPEG_H

// A thin shim over libjpeg-turbo. Every function that calls libjpeg installs its own
// setjmp, so libjpeg's longjmp error exits never cross Swift frames. No libjpeg type
// appears here: callers see an opaque decoder and plain structs and ints.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How a shim call ended.
typedef enum {
    /// Success.
    DR_JPEG_OK = 0,
    /// libjpeg stopped with an error; the message holds its words.
    DR_JPEG_FAILED = 1,
    /// The data ended early (libjpeg's "Premature end of JPEG file" warning).
    DR_JPEG_TRUNCATED = 2,
    /// The data is damaged (a libjpeg "Corrupt JPEG data" warning); the message holds its words.
    DR_JPEG_CORRUPT = 3,
    /// The sample precision is not 8 bits; `bits` holds the file's precision.
    DR_JPEG_BAD_PRECISION = 4,
    /// The frame header claims a zero width or height.
    DR_JPEG_EMPTY_IMAGE = 5,
    /// Memory could not be allocated (by libjpeg or the shim).
    DR_JPEG_NO_MEMORY = 6,
    /// The shim was called out of order (e.g. reading rows after a failure).
    DR_JPEG_BAD_STATE = 7,
} dr_jpeg_status;

/// The colour space of the JPEG data, as libjpeg reads it from the file.
typedef enum {
    DR_JPEG_CS_UNKNOWN = 0,
    DR_JPEG_CS_GRAY = 1,
    DR_JPEG_CS_YCBCR = 2,
    DR_JPEG_CS_RGB = 3,
    DR_JPEG_CS_CMYK = 4,
    DR_JPEG_CS_YCCK = 5,
} dr_jpeg_colour_space;

/// Where a decode was when it stopped.
typedef enum {
    DR_JPEG_PHASE_HEADER = 0,
    DR_JPEG_PHASE_START = 1,
    DR_JPEG_PHASE_ROWS = 2,
} dr_jpeg_phase;

/// What the frame header says, after `dr_jpeg_read_header`.
typedef struct {
    /// Stored size.
    int width, height;
    /// Size after DCT scaling (libjpeg's output_width / output_height).
    int output_width, output_height;
    /// Components in the file.
    int components;
    /// A `dr_jpeg_colour_space`.
    int colour_space;
    /// Bits per sample.
    int bits;
    /// Progressive (SOF2 / SOF10) and arithmetic-coded.
    int progressive, arithmetic;
    /// Whether an Adobe APP14 marker was seen (CMYK samples are then stored inverted).
    int saw_adobe_marker;
} dr_jpeg_header;

/// Why the last call failed, after it returned something other than DR_JPEG_OK.
typedef struct {
    /// A `dr_jpeg_status`.
    int status;
    /// A `dr_jpeg_phase`.
    int phase;
    /// The precision or dimensions involved, when the status is about them.
    int bits, width, height;
    /// Rows fully decoded and the rows the image has, when the data stopped.
    int rows_done, rows_total;
    /// The input's length in bytes.
    size_t bytes_total;
} dr_jpeg_failure;

/// An opaque decoder: one per image, used once.
typedef struct dr_jpeg_decoder dr_jpeg_decoder;

/// Allocates a decoder; NULL when out of memory.
dr_jpeg_decoder *dr_jpeg_decoder_create(void);
/// Releases a decoder and everything libjpeg allocated for it. NULL is accepted.
void dr_jpeg_decoder_destroy(dr_jpeg_decoder *decoder);

/// Phase 1: reads the headers of `data` (which must stay valid and unmoved until the
/// decoder is destroyed), saving APP1, APP2 and COM markers, and computes the output size
/// for a DCT scale of 1/`scale_denom` (1, 2, 4 or 8).
int dr_jpeg_read_header(dr_jpeg_decoder *decoder, const uint8_t *data, size_t size,
                        int scale_denom, dr_jpeg_header *header);

/// The number of markers saved by `dr_jpeg_read_header`.
int dr_jpeg_marker_count(const dr_jpeg_decoder *decoder);
/// The saved marker at `index`: its code (0xE1 for APP1, 0xFE for COM…), bytes and length.
/// Returns 0 when `index` is out of range.
int dr_jpeg_marker_at(const dr_jpeg_decoder *decoder, int index, int *code,
                      const uint8_t **data, size_t *length);

/// Reassembles the ICC profile from the saved APP2 markers. On DR_JPEG_OK, `*profile` is a
/// malloc'd buffer of `*length` bytes (free it with `dr_jpeg_free`), or NULL when the file
/// has no (valid) profile.
int dr_jpeg_read_icc(dr_jpeg_decoder *decoder, uint8_t **profile, size_t *length);

/// Phase 2: starts decompression with `out_components` samples per output pixel: 1 for
/// gray, 3 for RGB, 4 for CMYK (CMYK and YCCK files only; libjpeg converts YCCK to CMYK).
int dr_jpeg_start(dr_jpeg_decoder *decoder, int out_components);

/// Phase 3: decodes the next `rows` rows into `dst`, one row every `stride` bytes. Stops
/// at the end of the image; `*rows_read` says how many rows were written.
int dr_jpeg_read_rows(dr_jpeg_decoder *decoder, uint8_t *dst, size_t stride, int rows,
                      int *rows_read);

/// The failure details of the last failed call.
dr_jpeg_failure dr_jpeg_decoder_failure(const dr_jpeg_decoder *decoder);
/// libjpeg's own message for the last failure ("" when none).
const char *dr_jpeg_decoder_message(const dr_jpeg_decoder *decoder);

/// A marker to write after the frame header's APP0.
typedef struct {
    /// Marker code: 0xE0 + n for APPn, 0xFE for COM.
    int code;
    /// The payload (without the marker and length bytes), at most 65533 bytes.
    const uint8_t *data;
    size_t length;
} dr_jpeg_marker;

/// The colour model of the pixels handed to the encoder.
typedef enum {
    DR_JPEG_IN_GRAY = 1,
    DR_JPEG_IN_RGB = 3,
    DR_JPEG_IN_CMYK = 4,
} dr_jpeg_input;

/// Encoder settings.
typedef struct {
    int width, height;
    /// A `dr_jpeg_input`.
    int input;
    /// 1–100.
    int quality;
    /// Booleans.
    int progressive, optimize_huffman, chroma_444;
    /// For CMYK input: store as YCCK rather than CMYK.
    int ycck;
    /// ICC profile written with jpeg_write_icc_profile (NULL for none).
    const uint8_t *icc;
    size_t icc_length;
    /// Extra markers, written in order; the ICC profile goes before marker `icc_position`.
    const dr_jpeg_marker *markers;
    int marker_count;
    int icc_position;
} dr_jpeg_encode_params;

/// The result of `dr_jpeg_encode`.
typedef struct {
    /// A `dr_jpeg_status`.
    int status;
    /// On success, the malloc'd JPEG bytes (free with `dr_jpeg_free`).
    uint8_t *data;
    size_t length;
    /// libjpeg's message on failure.
    char message[200];
} dr_jpeg_encode_result;

/// Compresses `params->height` rows read from `pixels`, one every `stride` bytes.
void dr_jpeg_encode(const dr_jpeg_encode_params *params, const uint8_t *pixels, size_t stride,
                    dr_jpeg_encode_result *result);

/// Frees a buffer returned by the shim.
void dr_jpeg_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
