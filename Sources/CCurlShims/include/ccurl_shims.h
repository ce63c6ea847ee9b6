#ifndef ONEJOB_CCURL_SHIMS_H
#define ONEJOB_CCURL_SHIMS_H
#include <curl/curl.h>
#endif
