#ifndef PEXDEV_CZLIB_SHIM_H
#define PEXDEV_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass zlib's version and the stream's size), which Swift
// cannot call. ZIP entries hold raw deflate data: no zlib header or trailer, hence windowBits -15.
static inline int pexdev_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

static inline int pexdev_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);
}

#endif
