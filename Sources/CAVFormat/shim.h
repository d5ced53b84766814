#include <errno.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>

/* Values of libav's macros that Swift cannot import (casts, function-like macros). */

/* AV_NOPTS_VALUE: "no time stamp / no duration". */
static inline int64_t pl_av_nopts_value(void) { return AV_NOPTS_VALUE; }

/* AVERROR(number): libav's error code for a POSIX errno. */
static inline int pl_av_error_from_errno(int number) { return AVERROR(number); }

/* AVPROBE_SCORE_RETRY: at or below it, libav warns "misdetection possible". */
static inline int pl_av_probe_score_retry(void) { return AVPROBE_SCORE_RETRY; }

/* AV_DISPOSITION_ATTACHED_PIC: a cover picture (one frame), not a video track. */
static inline int pl_av_disposition_attached_pic(void) { return AV_DISPOSITION_ATTACHED_PIC; }
