/*
 * Non-variadic wrappers around libvips. See include/vips_shim.h.
 *
 * libvips is loaded on first use (dlopen), not linked: it brings about a hundred shared libraries
 * (codecs, poppler, ImageMagick, OpenEXR...), and binding them at start-up cost every `pipeline`
 * command about 40 ms, image work or not. The shim still compiles against libvips' headers, and each
 * function it calls is held in a pointer of that very function's type (`__typeof__`), so a call
 * with the wrong arguments does not compile. GLib, which libvips is built on and which starts in a
 * fraction of a millisecond, is linked as usual.
 */
#include "vips_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <vips/vips.h>
/* Not included by vips.h: vips_vector_set_enabled / vips_vector_isenabled (the orc switch). */
#include <vips/vector.h>

/* libvips encoders' maximum width/height. */
#define PL_WEBP_MAX 16383
#define PL_JPEG_MAX 65535

/* Every libvips function the shim calls, bound from the loaded library by name. */
#define PL_VIPS_FUNCTIONS(X) \
    X(vips_add) X(vips_area_unref) X(vips_array_double_new) X(vips_avg) X(vips_bandjoin) \
    X(vips_block_untrusted_set) X(vips_cache_set_max) X(vips_cache_set_max_files) \
    X(vips_cache_set_max_mem) X(vips_cast_uchar) X(vips_concurrency_set) X(vips_copy) \
    X(vips_error_buffer_copy) X(vips_extract_band) X(vips_flatten) X(vips_foreign_find_load) \
    X(vips_gaussnoise) X(vips_image_get_bands) X(vips_image_get_height) \
    X(vips_image_get_interpretation) X(vips_image_get_orientation_swap) X(vips_image_get_width) \
    X(vips_image_hasalpha) X(vips_image_new) X(vips_image_new_from_file) X(vips_image_set_int) \
    X(vips_image_write_to_file) X(vips_init) X(vips_jpegsave_buffer) X(vips_linear) \
    X(vips_object_local_array) X(vips_pngsave_buffer) X(vips_thumbnail) X(vips_vector_isenabled) \
    X(vips_vector_set_enabled) X(vips_webpsave_buffer) X(vips_xyz)

#define PL_DECLARE_POINTER(name) __typeof__(name) *name;
/* Set once, inside pl_start_once, before pl_init_result says 0; read-only after that. */
static struct {
    PL_VIPS_FUNCTIONS(PL_DECLARE_POINTER)
} lib;

static pthread_once_t pl_once = PTHREAD_ONCE_INIT;
static int pl_init_result = -1;
static int pl_requested_concurrency = 0;
static pthread_mutex_t pl_request_lock = PTHREAD_MUTEX_INITIALIZER;
/* Why libvips could not be loaded or started, when it could not; written once in pl_start_once. */
static char pl_start_error[512];

/* Drops libvips' glib warnings ("error in tile …"): the errors reach the caller as return codes. */
static void pl_quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain;
    (void) level;
    (void) message;
    (void) data;
}

/* Loads the libvips these headers describe (its soname: CURRENT - AGE) and binds every function. */
static int pl_load_library(void) {
    char soname[64];
#ifdef __APPLE__
    snprintf(soname, sizeof(soname), "libvips.%d.dylib", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
#else
    snprintf(soname, sizeof(soname), "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
#endif
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(pl_start_error, sizeof(pl_start_error), "could not load %s (Debian's libvips42): %s", soname,
                 reason != NULL ? reason : "unknown reason");
        return -1;
    }
#define PL_BIND_POINTER(name) \
    lib.name = (__typeof__(name) *) dlsym(handle, #name); \
    if (lib.name == NULL) { \
        snprintf(pl_start_error, sizeof(pl_start_error), "%s has no function %s", soname, #name); \
        return -1; \
    }
    PL_VIPS_FUNCTIONS(PL_BIND_POINTER)
#undef PL_BIND_POINTER
    return 0;
}

static void pl_start_once(void) {
    if (pl_load_library() != 0) {
        pl_init_result = -1;
        return;
    }
    if (lib.vips_init("pipeline") != 0) {
        snprintf(pl_start_error, sizeof(pl_start_error), "libvips failed to start");
        pl_init_result = -1;
        return;
    }
    /*
     * No vector (liborc) code paths. libvips compiles orc programs at run time when an operation is
     * built, and orc's code generation is not safe when several threads build operations at once:
     * one of about eleven re-runs of 1,000 concurrent resizes died with SIGSEGV inside liborc. The
     * C paths give the same pixels and cost little here (the codecs dominate a resize). This is
     * what VIPS_NOVECTOR=1 does, set in code so no one has to remember the variable. It runs once,
     * before the first operation, so no orc program is ever compiled in this process.
     */
    lib.vips_vector_set_enabled(FALSE);
    /* No operation cache: every resize is a different file, and a cache only holds memory. */
    lib.vips_cache_set_max(0);
    lib.vips_cache_set_max_mem(0);
    lib.vips_cache_set_max_files(0);
#ifdef __GLIBC__
    /*
     * libvips' worker threads allocate and free large pixel buffers. glibc raises its mmap threshold
     * after the first such free, so later buffers come from per-thread arenas and stay resident.
     * A fixed threshold hands them back to the kernel: about 25 MB less peak RSS on a batch of
     * 24-megapixel photos at 2 in flight. Honours MALLOC_MMAP_THRESHOLD_ if the user set it.
     */
    if (getenv("MALLOC_MMAP_THRESHOLD_") == NULL) {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    }
#endif
    /* Refuse loaders that libvips marks as unsafe for untrusted input (e.g. ImageMagick, MATLAB). */
    lib.vips_block_untrusted_set(TRUE);
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, pl_quiet_log, NULL);
    if (pl_requested_concurrency > 0) {
        lib.vips_concurrency_set(pl_requested_concurrency);
    }
    pl_init_result = 0;
}

int pl_vips_start(int concurrency) {
    pthread_mutex_lock(&pl_request_lock);
    if (pl_requested_concurrency == 0) {
        pl_requested_concurrency = concurrency;
    }
    pthread_mutex_unlock(&pl_request_lock);
    pthread_once(&pl_once, pl_start_once);
    return pl_init_result;
}

int pl_vips_init(const char *argv0) {
    (void) argv0;
    return pl_vips_start(0);
}

int pl_vector_enabled(void) {
    if (pl_vips_start(0) != 0) {
        return -1;
    }
    return lib.vips_vector_isenabled() ? 1 : 0;
}

/* Copies (and clears) the libvips error buffer into `error`. */
static void pl_take_error(char *error, size_t error_length, const char *fallback) {
    if (pl_init_result != 0) {
        if (error != NULL && error_length > 0) {
            g_strlcpy(error, pl_start_error[0] != '\0' ? pl_start_error : fallback, error_length);
        }
        return;
    }
    char *text = lib.vips_error_buffer_copy();
    if (error != NULL && error_length > 0) {
        const char *source = (text != NULL && text[0] != '\0') ? text : fallback;
        g_strlcpy(error, source, error_length);
    }
    g_free(text);
}

static void pl_set_error(char *error, size_t error_length, const char *message) {
    if (error != NULL && error_length > 0) {
        g_strlcpy(error, message, error_length);
    }
}

int pl_image_header(const char *input, int upright, int *width, int *height,
                    char *error, size_t error_length) {
    if (pl_vips_start(0) != 0) {
        pl_take_error(error, error_length, "libvips failed to start");
        return PL_INIT_FAILED;
    }
    if (lib.vips_foreign_find_load(input) == NULL) {
        pl_take_error(error, error_length, "no libvips loader recognises this file");
        return PL_NOT_AN_IMAGE;
    }
    VipsImage *image = lib.vips_image_new_from_file(input, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (image == NULL) {
        pl_take_error(error, error_length, "libvips could not open the file");
        return PL_LOAD_FAILED;
    }
    int w = lib.vips_image_get_width(image);
    int h = lib.vips_image_get_height(image);
    if (upright && lib.vips_image_get_orientation_swap(image)) {
        int t = w;
        w = h;
        h = t;
    }
    g_object_unref(image);
    *width = w;
    *height = h;
    return PL_OK;
}

int pl_image_verify(const char *input, int *width, int *height, char *error, size_t error_length) {
    if (pl_vips_start(0) != 0) {
        pl_take_error(error, error_length, "libvips failed to start");
        return PL_INIT_FAILED;
    }
    if (lib.vips_foreign_find_load(input) == NULL) {
        pl_take_error(error, error_length, "no libvips loader recognises this file");
        return PL_NOT_AN_IMAGE;
    }
    /* Any decoder error fails the load (not only truncation); sequential access streams the pixels. */
    VipsImage *image = lib.vips_image_new_from_file(input, "access", VIPS_ACCESS_SEQUENTIAL,
                                                "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (image == NULL) {
        pl_take_error(error, error_length, "libvips could not open the file");
        return PL_LOAD_FAILED;
    }
    /* The header alone proves little: averaging every pixel makes the loader decode all of them. */
    double average = 0.0;
    int failed = lib.vips_avg(image, &average, NULL);
    int w = lib.vips_image_get_width(image);
    int h = lib.vips_image_get_height(image);
    g_object_unref(image);
    if (failed != 0) {
        pl_take_error(error, error_length, "libvips could not decode the pixels");
        return PL_DECODE_FAILED;
    }
    *width = w;
    *height = h;
    return PL_OK;
}

int pl_resize_to_buffer(const char *input, const pl_resize_options *options,
                        pl_resize_output *output, char *error, size_t error_length) {
    memset(output, 0, sizeof(*output));
    if (pl_vips_start(0) != 0) {
        pl_take_error(error, error_length, "libvips failed to start");
        return PL_INIT_FAILED;
    }
    if (lib.vips_foreign_find_load(input) == NULL) {
        pl_take_error(error, error_length, "no libvips loader recognises this file");
        return PL_NOT_AN_IMAGE;
    }

    int has_width = options->width > 0;
    int has_height = options->height > 0;
    int width = has_width ? options->width : VIPS_MAX_COORD;
    int height = has_height ? options->height : VIPS_MAX_COORD;
    VipsSize size = options->allow_enlarge ? VIPS_SIZE_BOTH : VIPS_SIZE_DOWN;
    VipsInteresting crop = VIPS_INTERESTING_NONE;
    if (has_width && has_height) {
        if (options->fit == PL_FIT_FILL) {
            size = VIPS_SIZE_FORCE;
        } else if (options->fit == PL_FIT_COVER) {
            crop = VIPS_INTERESTING_CENTRE;
        }
    }

    /* Shrink-on-load, EXIF auto-rotation, embedded profile -> sRGB; fail on truncated data. */
    VipsImage *thumb = NULL;
    if (lib.vips_thumbnail(input, &thumb, width,
                       "height", height,
                       "size", size,
                       "crop", crop,
                       "export_profile", "srgb",
                       "fail_on", VIPS_FAIL_ON_TRUNCATED,
                       NULL) != 0) {
        pl_take_error(error, error_length, "libvips could not open the file");
        return PL_LOAD_FAILED;
    }

    output->width = lib.vips_image_get_width(thumb);
    output->height = lib.vips_image_get_height(thumb);
    int limit = options->format == PL_FORMAT_WEBP ? PL_WEBP_MAX
              : options->format == PL_FORMAT_JPEG ? PL_JPEG_MAX : VIPS_MAX_COORD;
    if (output->width > limit || output->height > limit) {
        g_object_unref(thumb);
        char message[160];
        g_snprintf(message, sizeof(message), "the result (%dx%d) exceeds the encoder's limit of %d pixels a side",
                   output->width, output->height, limit);
        pl_set_error(error, error_length, message);
        return PL_TOO_LARGE;
    }

    /* JPEG has no alpha: flatten onto white rather than libvips' default black. */
    VipsImage *ready = thumb;
    if (options->format == PL_FORMAT_JPEG && lib.vips_image_hasalpha(thumb)) {
        double white[] = { 255.0, 255.0, 255.0 };
        int colour_bands = lib.vips_image_get_bands(thumb) - 1;
        VipsInterpretation kind = lib.vips_image_get_interpretation(thumb);
        double max_alpha = (kind == VIPS_INTERPRETATION_RGB16 || kind == VIPS_INTERPRETATION_GREY16)
            ? 65535.0 : 255.0;
        for (int i = 0; i < 3; i++) {
            white[i] = max_alpha;
        }
        VipsArrayDouble *background = lib.vips_array_double_new(white, colour_bands >= 3 ? 3 : 1);
        VipsImage *flat = NULL;
        int failed = lib.vips_flatten(thumb, &flat, "background", background, "max_alpha", max_alpha, NULL);
        lib.vips_area_unref(VIPS_AREA(background));
        if (failed != 0) {
            g_object_unref(thumb);
            pl_take_error(error, error_length, "libvips could not flatten the alpha channel");
            return PL_DECODE_FAILED;
        }
        ready = flat;
    }

    /* Pixels are decoded here, as the encoder pulls them: truncated input fails now. */
    int quality = options->quality;
    int failed;
    switch (options->format) {
    case PL_FORMAT_JPEG:
        failed = lib.vips_jpegsave_buffer(ready, &output->data, &output->length,
                                      "Q", quality, "strip", TRUE, NULL);
        break;
    case PL_FORMAT_WEBP:
        failed = lib.vips_webpsave_buffer(ready, &output->data, &output->length,
                                      "Q", quality, "strip", TRUE, NULL);
        break;
    case PL_FORMAT_PNG:
    default:
        failed = lib.vips_pngsave_buffer(ready, &output->data, &output->length,
                                     "strip", TRUE, NULL);
        break;
    }
    if (ready != thumb) {
        g_object_unref(ready);
    }
    g_object_unref(thumb);
    if (failed != 0) {
        g_free(output->data);
        output->data = NULL;
        output->length = 0;
        pl_take_error(error, error_length, "libvips could not decode or encode the image");
        return PL_DECODE_FAILED;
    }
    return PL_OK;
}

void pl_free(void *data) {
    g_free(data);
}

int pl_write_synthetic_image(const char *path, int width, int height, int orientation,
                             double noise_sigma, char *error, size_t error_length) {
    if (pl_vips_start(0) != 0) {
        pl_take_error(error, error_length, "libvips failed to start");
        return PL_INIT_FAILED;
    }
    if (width < 1 || height < 1) {
        pl_set_error(error, error_length, "width and height must be positive");
        return -1;
    }
    VipsImage *context = lib.vips_image_new();
    VipsImage **t = (VipsImage **) lib.vips_object_local_array((VipsObject *) context, 10);
    /* R follows x, G follows y, B follows x + y: a smooth, asymmetric gradient. */
    double scale[] = { 255.0 / width, 255.0 / height, 255.0 / (width + height) };
    double offset[] = { 0.0, 0.0, 0.0 };
    int failed = lib.vips_xyz(&t[0], width, height, NULL)
        || lib.vips_extract_band(t[0], &t[1], 0, NULL)
        || lib.vips_extract_band(t[0], &t[2], 1, NULL)
        || lib.vips_add(t[1], t[2], &t[3], NULL)
        || lib.vips_bandjoin((VipsImage *[]) { t[1], t[2], t[3] }, &t[4], 3, NULL)
        || lib.vips_linear(t[4], &t[5], scale, offset, 3, NULL);
    VipsImage *pixels = t[5];
    if (!failed && noise_sigma > 0) {
        failed = lib.vips_gaussnoise(&t[6], width, height, "sigma", noise_sigma, "mean", 0.0, NULL)
            || lib.vips_add(t[5], t[6], &t[7], NULL);
        pixels = t[7];
    }
    failed = failed
        || lib.vips_cast_uchar(pixels, &t[8], NULL)
        || lib.vips_copy(t[8], &t[9], "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    if (!failed) {
        if (orientation >= 1 && orientation <= 8) {
            lib.vips_image_set_int(t[9], VIPS_META_ORIENTATION, orientation);
        }
        failed = lib.vips_image_write_to_file(t[9], path, NULL);
    }
    g_object_unref(context);
    if (failed) {
        pl_take_error(error, error_length, "libvips could not write the image");
        return -1;
    }
    return PL_OK;
}
