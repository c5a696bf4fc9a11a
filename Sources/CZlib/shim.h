#ifndef REQLINT_CZLIB_SHIM_H
#define REQLINT_CZLIB_SHIM_H
#include <zlib.h>
#endif
