// libpng calls with setjmp armed in the same function; see dr_png.h.
#include "dr_png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dr_png_reader {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    size_t missing;       // bytes a read still needed when the data ran out
    int truncated;
    png_bytep *rows;
    char message[256];
    char warning[160];  // the last warning, which often explains the error after it
};

static void dr_png_error_fn(png_structp png, png_const_charp msg) {
    dr_png_reader *r = (dr_png_reader *)png_get_error_ptr(png);
    if (r && !r->truncated) {
        if (r->warning[0])
            snprintf(r->message, sizeof r->message, "%s (%s)", msg ? msg : "unknown libpng error", r->warning);
        else
            snprintf(r->message, sizeof r->message, "%s", msg ? msg : "unknown libpng error");
    }
    png_longjmp(png, 1);
}

static void dr_png_read_warning_fn(png_structp png, png_const_charp msg) {
    dr_png_reader *r = (dr_png_reader *)png_get_error_ptr(png);
    if (r && msg) {
        strncpy(r->warning, msg, sizeof r->warning - 1);
        r->warning[sizeof r->warning - 1] = 0;
    }
}

static void dr_png_read_fn(png_structp png, png_bytep out, size_t length) {
    dr_png_reader *r = (dr_png_reader *)png_get_io_ptr(png);
    size_t left = r->size - r->offset;
    if (length > left) {
        r->truncated = 1;
        r->missing = length - left;
        snprintf(r->message, sizeof r->message, "unexpected end of data");
        png_error(png, "unexpected end of data");
    }
    memcpy(out, r->data + r->offset, length);
    r->offset += length;
}

dr_png_reader *dr_png_reader_new(const uint8_t *data, size_t size) {
    dr_png_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->data = data;
    r->size = size;
    r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, dr_png_error_fn, dr_png_read_warning_fn);
    if (!r->png) { free(r); return NULL; }
    r->info = png_create_info_struct(r->png);
    if (!r->info) { png_destroy_read_struct(&r->png, NULL, NULL); free(r); return NULL; }
    png_set_read_fn(r->png, r, dr_png_read_fn);
    return r;
}

int dr_png_read_header(dr_png_reader *r, dr_png_header *h) {
    if (setjmp(png_jmpbuf(r->png))) return -1;
    png_read_info(r->png, r->info);
    png_uint_32 width = 0, height = 0;
    int depth = 0, color = 0, interlace = 0;
    png_get_IHDR(r->png, r->info, &width, &height, &depth, &color, &interlace, NULL, NULL);
    h->width = width;
    h->height = height;
    h->bit_depth = depth;
    h->color_type = color;
    h->interlaced = interlace != PNG_INTERLACE_NONE;
    h->has_trns = png_get_valid(r->png, r->info, PNG_INFO_tRNS) != 0;
    png_set_expand(r->png);  // palette to RGB, gray < 8 bits to 8, tRNS to alpha
    if (depth == 16) png_set_scale_16(r->png);
    if (interlace != PNG_INTERLACE_NONE) png_set_interlace_handling(r->png);
    png_read_update_info(r->png, r->info);
    h->channels = png_get_channels(r->png, r->info);
    return 0;
}

int dr_png_read_pixels(dr_png_reader *r, uint8_t *pixels, size_t stride) {
    png_uint_32 height = png_get_image_height(r->png, r->info);
    r->rows = malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!r->rows) {
        snprintf(r->message, sizeof r->message, "out of memory");
        return -1;
    }
    for (png_uint_32 y = 0; y < height; y++) r->rows[y] = pixels + (size_t)y * stride;
    if (setjmp(png_jmpbuf(r->png))) return -1;
    png_read_image(r->png, r->rows);
    png_read_end(r->png, r->info);
    return 0;
}

const char *dr_png_reader_error(const dr_png_reader *r) { return r->message; }

int dr_png_reader_truncation(const dr_png_reader *r, size_t *missing, uint32_t *rows_done) {
    *missing = r->missing;
    *rows_done = png_get_current_row_number(r->png);
    return r->truncated;
}

int dr_png_text_count(const dr_png_reader *r) {
    png_textp text = NULL;
    int count = 0;
    png_get_text(r->png, r->info, &text, &count);
    return count;
}

int dr_png_text_at(const dr_png_reader *r, int index, dr_png_text *out) {
    png_textp text = NULL;
    int count = 0;
    png_get_text(r->png, r->info, &text, &count);
    if (index < 0 || index >= count) return -1;
    out->key = text[index].key;
    out->compression = text[index].compression;
    if (text[index].compression > 0) {
        out->text = text[index].text;
        out->length = text[index].itxt_length;
        out->lang = text[index].lang;
        out->lang_key = text[index].lang_key;
    } else {
        out->text = text[index].text;
        out->length = text[index].text_length;
        out->lang = NULL;
        out->lang_key = NULL;
    }
    return 0;
}

int dr_png_iccp(const dr_png_reader *r, const uint8_t **profile, uint32_t *length) {
    png_charp name = NULL;
    int compression = 0;
    png_bytep data = NULL;
    png_uint_32 len = 0;
    if (png_get_iCCP(r->png, r->info, &name, &compression, &data, &len) != PNG_INFO_iCCP) return 0;
    *profile = data;
    *length = len;
    return 1;
}

int dr_png_exif(const dr_png_reader *r, const uint8_t **exif, uint32_t *length) {
    png_bytep data = NULL;
    png_uint_32 len = 0;
    if (png_get_eXIf_1(r->png, r->info, &len, &data) != PNG_INFO_eXIf) return 0;
    *exif = data;
    *length = len;
    return 1;
}

void dr_png_reader_free(dr_png_reader *r) {
    if (!r) return;
    png_destroy_read_struct(&r->png, &r->info, NULL);
    free(r->rows);
    free(r);
}

