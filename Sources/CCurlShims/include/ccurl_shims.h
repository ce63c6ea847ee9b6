#ifndef ONEJOB_CCURL_SHIMS_H
#define ONEJOB_CCURL_SHIMS_H
/*
 * Typed, non-variadic wrappers of libcurl's variadic functions.
 *
 * Swift cannot call C variadic functions, so every value type passed to
 * curl_easy_setopt / curl_easy_getinfo / curl_share_setopt gets one wrapper
 * here. The wrappers hold no logic: each forwards its arguments unchanged.
 */
#include <curl/curl.h>

/* MARK: - curl_easy_setopt */
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_easy_setopt_share(CURL *handle, CURLoption option, CURLSH *value);
CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode ccurl_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback value);
CURLcode ccurl_easy_setopt_header_callback(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, curl_xferinfo_callback value);
CURLcode ccurl_easy_setopt_seek_callback(CURL *handle, CURLoption option, curl_seek_callback value);
CURLcode ccurl_easy_setopt_opensocket_callback(CURL *handle, CURLoption option, curl_opensocket_callback value);
CURLcode ccurl_easy_setopt_sockopt_callback(CURL *handle, CURLoption option, curl_sockopt_callback value);

/* MARK: - curl_easy_getinfo */
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);

/* MARK: - curl_share_setopt */
CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value);

#endif
