/*
 * libavformat loaded on first use (dlopen), not linked: with libavcodec and its codecs it is about
 * sixty shared libraries, and binding them at start-up cost every `pipeline` command time whether
 * or not it reads a media file. The shim compiles against libav's headers, and each function is held
 * in a pointer of that very function's type (`__typeof__`), so a wrong call does not compile.
 */
#include "av_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/avutil.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/log.h>

/* Every libav function the shim calls; libavutil's are found through libavformat's dependencies. */
#define PL_AV_FUNCTIONS(X) \
    X(av_dict_free) X(av_dict_set) X(av_log_set_level) X(av_strerror) X(avformat_close_input) \
    X(avformat_find_stream_info) X(avformat_open_input)

#define PL_DECLARE_POINTER(name) __typeof__(name) *name;
/* Set once, inside pl_start_once, before pl_start_result says 0; read-only after that. */
static struct {
    PL_AV_FUNCTIONS(PL_DECLARE_POINTER)
} lib;

static pthread_once_t pl_once = PTHREAD_ONCE_INIT;
static int pl_start_result = -1;
static char pl_start_error[512];

/* Loads the libavformat these headers describe (its soname carries the major version). */
static void pl_start_once(void) {
    char soname[64];
#ifdef __APPLE__
    snprintf(soname, sizeof(soname), "libavformat.%d.dylib", LIBAVFORMAT_VERSION_MAJOR);
#else
    snprintf(soname, sizeof(soname), "libavformat.so.%d", LIBAVFORMAT_VERSION_MAJOR);
#endif
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(pl_start_error, sizeof(pl_start_error), "could not load %s (Debian's libavformat%d): %s", soname,
                 LIBAVFORMAT_VERSION_MAJOR, reason != NULL ? reason : "unknown reason");
        return;
    }
#define PL_BIND_POINTER(name) \
    lib.name = (__typeof__(name) *) dlsym(handle, #name); \
    if (lib.name == NULL) { \
        snprintf(pl_start_error, sizeof(pl_start_error), "%s has no function %s", soname, #name); \
        return; \
    }
    PL_AV_FUNCTIONS(PL_BIND_POINTER)
#undef PL_BIND_POINTER
    /* Failures reach callers as error codes; libav's own messages would only be noise on stderr. */
    lib.av_log_set_level(AV_LOG_QUIET);
    pl_start_result = 0;
}

int pl_av_start(char *error, size_t error_length) {
    pthread_once(&pl_once, pl_start_once);
    if (pl_start_result != 0 && error != NULL && error_length > 0) {
        snprintf(error, error_length, "%s", pl_start_error);
    }
    return pl_start_result;
}

int pl_avformat_open_input(AVFormatContext **context, const char *url, AVDictionary **options) {
    return lib.avformat_open_input(context, url, NULL, options);
}

int pl_avformat_find_stream_info(AVFormatContext *context) {
    return lib.avformat_find_stream_info(context, NULL);
}

void pl_avformat_close_input(AVFormatContext **context) {
    lib.avformat_close_input(context);
}

int pl_av_dict_set(AVDictionary **dictionary, const char *key, const char *value) {
    return lib.av_dict_set(dictionary, key, value, 0);
}

void pl_av_dict_free(AVDictionary **dictionary) {
    lib.av_dict_free(dictionary);
}

int pl_av_strerror(int code, char *buffer, size_t size) {
    return lib.av_strerror(code, buffer, size);
}
