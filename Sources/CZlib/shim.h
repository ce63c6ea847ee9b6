#ifndef ONEJOB_CZLIB_SHIM_H
#define ONEJOB_CZLIB_SHIM_H
#include <zlib.h>
#endif
