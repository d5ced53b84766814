#ifndef PIPELINE_AV_SHIM_H
#define PIPELINE_AV_SHIM_H

/*
 * The libavformat and libavutil functions PipelineMedia calls, through a library loaded on first use
 * (see av_shim.c). Types, structs and constants come from the headers as usual (CAVFormat).
 * Call pl_av_start first: the other functions assume it returned 0. Every function is thread-safe.
 */

#include <stddef.h>
#include <libavformat/avformat.h>

/*
 * Loads libavformat once per process (pthread_once) and silences libav's own logging; later calls
 * return the first result. Returns 0 on success; otherwise -1 with the reason copied into `error`
 * (at most `error_length` bytes, NUL-terminated).
 */
int pl_av_start(char *error, size_t error_length);

/* avformat_open_input with no forced input format. */
int pl_avformat_open_input(AVFormatContext **context, const char *url, AVDictionary **options);

/* avformat_find_stream_info with no per-stream options. */
int pl_avformat_find_stream_info(AVFormatContext *context);

/* avformat_close_input. */
void pl_avformat_close_input(AVFormatContext **context);

/* av_dict_set with no flags. */
int pl_av_dict_set(AVDictionary **dictionary, const char *key, const char *value);

/* av_dict_free. */
void pl_av_dict_free(AVDictionary **dictionary);

/* av_strerror. */
int pl_av_strerror(int code, char *buffer, size_t size);

#endif
