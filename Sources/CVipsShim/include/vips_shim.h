#ifndef PIPELINE_VIPS_SHIM_H
#define PIPELINE_VIPS_SHIM_H
/* Placeholder: non-variadic wrappers around libvips land here. */
int pl_vips_init(const char *argv0);
#endif
