#include "vips_shim.h"
#include <vips/vips.h>

int pl_vips_init(const char *argv0) { return vips_init(argv0); }
