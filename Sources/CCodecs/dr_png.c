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

static void dr_png_warning_fn(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
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

// ---------------------------------------------------------------------------- writing

typedef struct {
    dr_png_buffer *out;
    char *error;
    size_t error_size;
} dr_png_write_state;

static void dr_png_write_error_fn(png_structp png, png_const_charp msg) {
    dr_png_write_state *s = (dr_png_write_state *)png_get_error_ptr(png);
    if (s && s->error && s->error_size) {
        strncpy(s->error, msg ? msg : "unknown libpng error", s->error_size - 1);
        s->error[s->error_size - 1] = 0;
    }
    png_longjmp(png, 1);
}

static void dr_png_write_fn(png_structp png, png_bytep data, size_t length) {
    dr_png_write_state *s = (dr_png_write_state *)png_get_io_ptr(png);
    dr_png_buffer *b = s->out;
    if (b->size + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->size + length) capacity *= 2;
        uint8_t *grown = realloc(b->data, capacity);
        if (!grown) png_error(png, "out of memory");
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, data, length);
    b->size += length;
}

static void dr_png_flush_fn(png_structp png) { (void)png; }

int dr_png_write(const dr_png_write_params *p, const uint8_t *pixels, size_t stride,
                 dr_png_buffer *out, char *error, size_t error_size) {
    static const int color_types[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                       PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    dr_png_write_state state = {out, error, error_size};
    out->data = NULL;
    out->size = out->capacity = 0;
    if (p->channels < 1 || p->channels > 4) {
        snprintf(error, error_size, "unsupported channel count %d", p->channels);
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, dr_png_write_error_fn, dr_png_warning_fn);
    if (!png) { snprintf(error, error_size, "out of memory"); return -1; }
    png_infop info = png_create_info_struct(png);
    png_textp volatile texts = NULL;
    if (!info) { png_destroy_write_struct(&png, NULL); snprintf(error, error_size, "out of memory"); return -1; }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free((void *)texts);
        dr_png_buffer_free(out);
        return -1;
    }
    png_set_write_fn(png, &state, dr_png_write_fn, dr_png_flush_fn);
    png_set_IHDR(png, info, p->width, p->height, 8, color_types[p->channels], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, p->compression_level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, p->filters);
    if (p->icc && p->icc_length) png_set_iCCP(png, info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, p->icc, p->icc_length);
    if (p->exif && p->exif_length) png_set_eXIf_1(png, info, p->exif_length, (png_bytep)p->exif);
    if (p->text_count > 0) {
        texts = calloc((size_t)p->text_count, sizeof(png_text));
        if (!texts) png_error(png, "out of memory");
        for (int i = 0; i < p->text_count; i++) {
            texts[i].compression = p->texts[i].compression;
            texts[i].key = (png_charp)p->texts[i].key;
            texts[i].text = (png_charp)p->texts[i].text;
            if (p->texts[i].compression > 0) texts[i].itxt_length = p->texts[i].length;
            else texts[i].text_length = p->texts[i].length;
            texts[i].lang = (png_charp)p->texts[i].lang;
            texts[i].lang_key = (png_charp)p->texts[i].lang_key;
        }
        png_set_text(png, info, texts, p->text_count);
    }
    png_write_info(png, info);
    for (uint32_t y = 0; y < p->height; y++) png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free((void *)texts);
    return 0;
}

void dr_png_buffer_free(dr_png_buffer *b) {
    free(b->data);
    b->data = NULL;
    b->size = b->capacity = 0;
}
