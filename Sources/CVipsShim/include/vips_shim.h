#ifndef PIPELINE_VIPS_SHIM_H
#define PIPELINE_VIPS_SHIM_H

/*
 * Non-variadic wrappers around libvips for Swift (most of the libvips API is
 * variadic, which Swift cannot call). Every function here is thread-safe.
 */

#include <stddef.h>

/* How pl_resize_to_buffer fits the image into the box (maps to VipsSize + crop). */
typedef enum {
    PL_FIT_CONTAIN = 0, /* fit inside the box, keep aspect */
    PL_FIT_COVER = 1,   /* fill the box, keep aspect, crop the centre */
    PL_FIT_FILL = 2,    /* stretch to exactly width x height */
} pl_fit;

/* Output encoders. */
typedef enum {
    PL_FORMAT_PNG = 0,
    PL_FORMAT_JPEG = 1,
    PL_FORMAT_WEBP = 2,
} pl_format;

/* Result codes of pl_resize_to_buffer / pl_image_header. */
typedef enum {
    PL_OK = 0,
    PL_NOT_AN_IMAGE = 1,  /* no libvips loader recognises the file */
    PL_LOAD_FAILED = 2,   /* a loader claimed the file but could not open it */
    PL_DECODE_FAILED = 3, /* pixels could not be decoded (corrupt, truncated) or encoded */
    PL_TOO_LARGE = 4,     /* the result exceeds the encoder's maximum dimensions */
    PL_INIT_FAILED = 5,   /* libvips could not start */
} pl_status;

/* What to do: width/height <= 0 means "not given" (keep aspect from the other one). */
typedef struct {
    int width;
    int height;
    pl_fit fit;
    int allow_enlarge; /* 0: never enlarge (VIPS_SIZE_DOWN); 1: enlarge or shrink */
    pl_format format;
    int quality;       /* 1...100, JPEG and WebP */
} pl_resize_options;

/* What came out. `data` must be released with pl_free. */
typedef struct {
    void *data;
    size_t length;
    int width;
    int height;
} pl_resize_output;

/*
 * Starts libvips once per process (pthread_once); later calls return the first result.
 * Sets the libvips operation cache to zero entries so memory stays flat on batches.
 * `concurrency` <= 0 keeps the libvips default (VIPS_CONCURRENCY or the number of cores).
 * Returns 0 on success.
 */
int pl_vips_start(int concurrency);

/* Kept for compatibility: same as pl_vips_start(0). */
int pl_vips_init(const char *argv0);

/*
 * Starts libvips if needed; then 1 when its vector (liborc) paths are enabled, 0 when not (the
 * start-up turns them off: orc's run-time code generation races under concurrent use), -1 when
 * libvips could not start.
 */
int pl_vector_enabled(void);

/*
 * Loads `input` (shrink-on-load, EXIF auto-rotation, conversion to sRGB), resizes,
 * and encodes into memory with metadata stripped. On failure returns a pl_status
 * and copies the libvips error text into `error` (at most `error_length` bytes, NUL-terminated).
 */
int pl_resize_to_buffer(const char *input, const pl_resize_options *options,
                        pl_resize_output *output, char *error, size_t error_length);

/* Reads only the header of `input`: its upright size (EXIF orientation applied when `upright`). */
int pl_image_header(const char *input, int upright, int *width, int *height,
                    char *error, size_t error_length);

/*
 * Opens `input` failing on any decoder error and decodes every pixel (vips_avg), so a file whose
 * header is fine but whose data is truncated or corrupt is caught. Gives the stored size.
 */
int pl_image_verify(const char *input, int *width, int *height, char *error, size_t error_length);

/* Frees a buffer from pl_resize_to_buffer. */
void pl_free(void *data);

/*
 * Writes a synthetic RGB image (gradient plus optional Gaussian noise) to `path`;
 * the saver and its options come from the file name (e.g. "a.jpg[Q=90]").
 * A non-zero `orientation` (1...8) is stored as the EXIF orientation tag.
 * For tests and benchmarks. Returns 0 on success.
 */
int pl_write_synthetic_image(const char *path, int width, int height, int orientation,
                             double noise_sigma, char *error, size_t error_length);

#endif
