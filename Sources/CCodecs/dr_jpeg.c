// The libjpeg-turbo shim. Each exported function that calls libjpeg sets its own
// setjmp; libjpeg's error_exit and fatal warnings longjmp back to it. Nothing here
// decides anything about images beyond calling libjpeg and classifying its errors.

#include "dr_jpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

// MARK: - Error handling shared by decoder and encoder

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int status;
    int bits, width, height;
    char message[JMSG_LENGTH_MAX];
} dr_error;

static void dr_error_exit(j_common_ptr cinfo) {
    dr_error *err = (dr_error *)cinfo->err;
    switch (err->pub.msg_code) {
    case JERR_BAD_PRECISION:
        err->status = DR_JPEG_BAD_PRECISION;
        err->bits = err->pub.msg_parm.i[0];
        break;
    case JERR_EMPTY_IMAGE:
        err->status = DR_JPEG_EMPTY_IMAGE;
        if (cinfo->is_decompressor) {
            j_decompress_ptr d = (j_decompress_ptr)cinfo;
            err->width = (int)d->image_width;
            err->height = (int)d->image_height;
        }
        break;
    case JERR_OUT_OF_MEMORY:
        err->status = DR_JPEG_NO_MEMORY;
        break;
    default:
        err->status = DR_JPEG_FAILED;
        break;
    }
    err->pub.format_message(cinfo, err->message);
    longjmp(err->jump, 1);
}

// Warnings: running out of data and damaged entropy-coded data stop the decode (a
// partial, gray-filled image is never returned); harmless ones (extraneous bytes
// between markers, unknown JFIF revisions, a bad ICC chunk) are counted and ignored.
static void dr_emit_message(j_common_ptr cinfo, int msg_level) {
    dr_error *err = (dr_error *)cinfo->err;
    if (msg_level >= 0) return;
    switch (err->pub.msg_code) {
    case JWRN_JPEG_EOF:
        err->status = DR_JPEG_TRUNCATED;
        break;
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
        err->status = DR_JPEG_CORRUPT;
        break;
    default:
        err->pub.num_warnings++;
        return;
    }
    err->pub.format_message(cinfo, err->message);
    longjmp(err->jump, 1);
}

static void dr_error_init(dr_error *err) {
    jpeg_std_error(&err->pub);
    err->pub.error_exit = dr_error_exit;
    err->pub.emit_message = dr_emit_message;
    err->status = DR_JPEG_OK;
    err->message[0] = '\0';
}

// MARK: - Decoder

struct dr_jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    dr_error err;
    int created, header_read, started, failed;
    int phase;
    size_t size;
    dr_jpeg_failure failure;
};

dr_jpeg_decoder *dr_jpeg_decoder_create(void) {
    return (dr_jpeg_decoder *)calloc(1, sizeof(dr_jpeg_decoder));
}

void dr_jpeg_decoder_destroy(dr_jpeg_decoder *d) {
    if (d == NULL) return;
    if (d->created) {
        if (setjmp(d->err.jump) == 0) jpeg_destroy_decompress(&d->cinfo);
    }
    free(d);
}

// Records the failure after a longjmp and returns its status.
static int dr_decoder_fail(dr_jpeg_decoder *d) {
    d->failed = 1;
    d->failure.status = d->err.status;
    d->failure.phase = d->phase;
    d->failure.bits = d->err.bits;
    d->failure.width = d->err.width;
    d->failure.height = d->err.height;
    d->failure.bytes_total = d->size;
    if (d->started) {
        d->failure.rows_done = (int)d->cinfo.output_scanline;
        d->failure.rows_total = (int)d->cinfo.output_height;
    }
    return d->err.status;
}

static int dr_colour_space(J_COLOR_SPACE cs) {
    switch (cs) {
    case JCS_GRAYSCALE: return DR_JPEG_CS_GRAY;
    case JCS_YCbCr: return DR_JPEG_CS_YCBCR;
    case JCS_RGB: return DR_JPEG_CS_RGB;
    case JCS_CMYK: return DR_JPEG_CS_CMYK;
    case JCS_YCCK: return DR_JPEG_CS_YCCK;
    default: return DR_JPEG_CS_UNKNOWN;
    }
}

int dr_jpeg_read_header(dr_jpeg_decoder *d, const uint8_t *data, size_t size,
                        int scale_denom, dr_jpeg_header *header) {
    if (d == NULL || header == NULL || d->created) return DR_JPEG_BAD_STATE;
    memset(header, 0, sizeof(*header));
    d->size = size;
    d->phase = DR_JPEG_PHASE_HEADER;
    dr_error_init(&d->err);
    d->cinfo.err = &d->err.pub;
    if (setjmp(d->err.jump)) return dr_decoder_fail(d);

    d->created = 1;
    jpeg_create_decompress(&d->cinfo);
    jpeg_mem_src(&d->cinfo, data, (unsigned long)size);
    jpeg_save_markers(&d->cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(&d->cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_save_markers(&d->cinfo, JPEG_COM, 0xFFFF);
    jpeg_read_header(&d->cinfo, TRUE);

    d->cinfo.scale_num = 1;
    d->cinfo.scale_denom = (unsigned int)(scale_denom > 0 ? scale_denom : 1);
    d->cinfo.dct_method = JDCT_ISLOW;
    d->cinfo.do_fancy_upsampling = TRUE;
    jpeg_calc_output_dimensions(&d->cinfo);

    header->width = (int)d->cinfo.image_width;
    header->height = (int)d->cinfo.image_height;
    header->output_width = (int)d->cinfo.output_width;
    header->output_height = (int)d->cinfo.output_height;
    header->components = d->cinfo.num_components;
    header->colour_space = dr_colour_space(d->cinfo.jpeg_color_space);
    header->bits = d->cinfo.data_precision;
    header->progressive = d->cinfo.progressive_mode ? 1 : 0;
    header->arithmetic = d->cinfo.arith_code ? 1 : 0;
    header->saw_adobe_marker = d->cinfo.saw_Adobe_marker ? 1 : 0;
    d->header_read = 1;
    return DR_JPEG_OK;
}

int dr_jpeg_marker_count(const dr_jpeg_decoder *d) {
    if (d == NULL || !d->header_read) return 0;
    int count = 0;
    for (jpeg_saved_marker_ptr m = d->cinfo.marker_list; m != NULL; m = m->next) count++;
    return count;
}

int dr_jpeg_marker_at(const dr_jpeg_decoder *d, int index, int *code,
                      const uint8_t **data, size_t *length) {
    if (d == NULL || !d->header_read || index < 0) return 0;
    jpeg_saved_marker_ptr m = d->cinfo.marker_list;
    for (int i = 0; m != NULL && i < index; i++) m = m->next;
    if (m == NULL) return 0;
    *code = m->marker;
    *data = m->data;
    *length = m->data_length;
    return 1;
}

int dr_jpeg_read_icc(dr_jpeg_decoder *d, uint8_t **profile, size_t *length) {
    if (d == NULL || profile == NULL || length == NULL || !d->header_read || d->failed)
        return DR_JPEG_BAD_STATE;
    *profile = NULL;
    *length = 0;
    if (setjmp(d->err.jump)) return dr_decoder_fail(d);
    JOCTET *buffer = NULL;
    unsigned int count = 0;
    if (jpeg_read_icc_profile(&d->cinfo, &buffer, &count)) {
        *profile = buffer;
        *length = count;
    }
    return DR_JPEG_OK;
}

int dr_jpeg_start(dr_jpeg_decoder *d, int out_components) {
    if (d == NULL || !d->header_read || d->started || d->failed) return DR_JPEG_BAD_STATE;
    d->phase = DR_JPEG_PHASE_START;
    if (setjmp(d->err.jump)) return dr_decoder_fail(d);
    switch (out_components) {
    case 1: d->cinfo.out_color_space = JCS_GRAYSCALE; break;
    case 3: d->cinfo.out_color_space = JCS_EXT_RGB; break;
    case 4: d->cinfo.out_color_space = JCS_CMYK; break;
    default: return DR_JPEG_BAD_STATE;
    }
    d->started = 1;
    jpeg_start_decompress(&d->cinfo);
    d->phase = DR_JPEG_PHASE_ROWS;
    return DR_JPEG_OK;
}

#define DR_ROWS_PER_CALL 16

int dr_jpeg_read_rows(dr_jpeg_decoder *d, uint8_t *dst, size_t stride, int rows,
                      int *rows_read) {
    if (rows_read != NULL) *rows_read = 0;
    if (d == NULL || dst == NULL || rows_read == NULL || !d->started || d->failed ||
        d->phase != DR_JPEG_PHASE_ROWS)
        return DR_JPEG_BAD_STATE;
    if (setjmp(d->err.jump)) return dr_decoder_fail(d);
    JSAMPROW pointers[DR_ROWS_PER_CALL];
    int done = 0;
    while (done < rows && d->cinfo.output_scanline < d->cinfo.output_height) {
        int want = rows - done;
        if (want > DR_ROWS_PER_CALL) want = DR_ROWS_PER_CALL;
        for (int i = 0; i < want; i++) pointers[i] = dst + (size_t)(done + i) * stride;
        JDIMENSION got = jpeg_read_scanlines(&d->cinfo, pointers, (JDIMENSION)want);
        if (got == 0) break;
        done += (int)got;
        *rows_read = done;
    }
    return DR_JPEG_OK;
}

dr_jpeg_failure dr_jpeg_decoder_failure(const dr_jpeg_decoder *d) {
    dr_jpeg_failure none;
    memset(&none, 0, sizeof(none));
    return d == NULL ? none : d->failure;
}

const char *dr_jpeg_decoder_message(const dr_jpeg_decoder *d) {
    return d == NULL ? "" : d->err.message;
}

// MARK: - Encoder

// A growable malloc'd destination. (jpeg_mem_dest frees its first buffer when it grows
// and keeps the live one private, so an error exit would leak it; this one is freed on
// every path.)
typedef struct {
    struct jpeg_destination_mgr pub;
    uint8_t *buffer;
    size_t capacity;
} dr_destination;

static void dr_dest_init(j_compress_ptr cinfo) {
    dr_destination *dest = (dr_destination *)cinfo->dest;
    dest->pub.next_output_byte = dest->buffer;
    dest->pub.free_in_buffer = dest->capacity;
}

static boolean dr_dest_empty(j_compress_ptr cinfo) {
    dr_destination *dest = (dr_destination *)cinfo->dest;
    size_t used = dest->capacity;
    size_t grown = dest->capacity * 2;
    uint8_t *bigger = (uint8_t *)realloc(dest->buffer, grown);
    if (bigger == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
    dest->buffer = bigger;
    dest->capacity = grown;
    dest->pub.next_output_byte = bigger + used;
    dest->pub.free_in_buffer = grown - used;
    return TRUE;
}

static void dr_dest_term(j_compress_ptr cinfo) {
    (void)cinfo;
}

typedef struct {
    struct jpeg_compress_struct cinfo;
    dr_error err;
    dr_destination dest;
    int created;
} dr_encoder;

void dr_jpeg_encode(const dr_jpeg_encode_params *p, const uint8_t *pixels, size_t stride,
                    dr_jpeg_encode_result *result) {
    memset(result, 0, sizeof(*result));
    dr_encoder *e = (dr_encoder *)calloc(1, sizeof(dr_encoder));
    if (e == NULL) {
        result->status = DR_JPEG_NO_MEMORY;
        snprintf(result->message, sizeof(result->message), "out of memory");
        return;
    }
    // A first guess at the output size; the destination doubles it as needed.
    size_t guess = (size_t)p->width * (size_t)p->height / 4 + p->icc_length + 65536;
    for (int i = 0; i < p->marker_count; i++) guess += p->markers[i].length + 4;
    e->dest.buffer = (uint8_t *)malloc(guess);
    e->dest.capacity = guess;
    if (e->dest.buffer == NULL) {
        free(e);
        result->status = DR_JPEG_NO_MEMORY;
        snprintf(result->message, sizeof(result->message), "out of memory");
        return;
    }
    e->dest.pub.init_destination = dr_dest_init;
    e->dest.pub.empty_output_buffer = dr_dest_empty;
    e->dest.pub.term_destination = dr_dest_term;

    dr_error_init(&e->err);
    e->cinfo.err = &e->err.pub;
    if (setjmp(e->err.jump)) {
        result->status = e->err.status == DR_JPEG_OK ? DR_JPEG_FAILED : e->err.status;
        memcpy(result->message, e->err.message, sizeof(result->message) - 1);
        result->message[sizeof(result->message) - 1] = '\0';
        if (e->created) jpeg_destroy_compress(&e->cinfo);
        free(e->dest.buffer);
        free(e);
        return;
    }
    e->created = 1;
    jpeg_create_compress(&e->cinfo);
    e->cinfo.dest = &e->dest.pub;
    e->cinfo.image_width = (JDIMENSION)p->width;
    e->cinfo.image_height = (JDIMENSION)p->height;
    switch (p->input) {
    case DR_JPEG_IN_GRAY:
        e->cinfo.input_components = 1;
        e->cinfo.in_color_space = JCS_GRAYSCALE;
        break;
    case DR_JPEG_IN_CMYK:
        e->cinfo.input_components = 4;
        e->cinfo.in_color_space = JCS_CMYK;
        break;
    default:
        e->cinfo.input_components = 3;
        e->cinfo.in_color_space = JCS_EXT_RGB;
        break;
    }
    jpeg_set_defaults(&e->cinfo);
    if (p->input == DR_JPEG_IN_CMYK) jpeg_set_colorspace(&e->cinfo, p->ycck ? JCS_YCCK : JCS_CMYK);
    jpeg_set_quality(&e->cinfo, p->quality, TRUE);
    if (p->chroma_444) {
        for (int c = 0; c < e->cinfo.num_components; c++) {
            e->cinfo.comp_info[c].h_samp_factor = 1;
            e->cinfo.comp_info[c].v_samp_factor = 1;
        }
    }
    e->cinfo.optimize_coding = p->optimize_huffman ? TRUE : FALSE;
    e->cinfo.dct_method = JDCT_ISLOW;
    if (p->progressive) jpeg_simple_progression(&e->cinfo);

    jpeg_start_compress(&e->cinfo, TRUE);
    for (int i = 0; i <= p->marker_count; i++) {
        if (i == p->icc_position && p->icc != NULL && p->icc_length > 0)
            jpeg_write_icc_profile(&e->cinfo, p->icc, (unsigned int)p->icc_length);
        if (i < p->marker_count)
            jpeg_write_marker(&e->cinfo, p->markers[i].code, p->markers[i].data,
                              (unsigned int)p->markers[i].length);
    }

    JSAMPROW rows[DR_ROWS_PER_CALL];
    while (e->cinfo.next_scanline < e->cinfo.image_height) {
        JDIMENSION next = e->cinfo.next_scanline;
        JDIMENSION want = e->cinfo.image_height - next;
        if (want > DR_ROWS_PER_CALL) want = DR_ROWS_PER_CALL;
        for (JDIMENSION i = 0; i < want; i++)
            rows[i] = (JSAMPROW)(pixels + (size_t)(next + i) * stride);
        jpeg_write_scanlines(&e->cinfo, rows, want);
    }
    jpeg_finish_compress(&e->cinfo);

    result->status = DR_JPEG_OK;
    result->data = e->dest.buffer;
    result->length = e->dest.capacity - e->dest.pub.free_in_buffer;
    jpeg_destroy_compress(&e->cinfo);
    free(e);
}

void dr_jpeg_free(void *buffer) {
    free(buffer);
}
