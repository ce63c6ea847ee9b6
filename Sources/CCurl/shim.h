#ifndef ONEJOB_CCURL_SHIM_H
#define ONEJOB_CCURL_SHIM_H
#include <curl/curl.h>
#endif
