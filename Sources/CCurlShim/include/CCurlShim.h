#ifndef CONSENT_DOCTOR_CCURLSHIM_H
#define CONSENT_DOCTOR_CCURLSHIM_H

#include <curl/curl.h>
#include <stddef.h>

// Typed, non-variadic wrappers around curl_easy_setopt and curl_easy_getinfo, because Swift
// cannot call C variadic functions.

typedef size_t (*cd_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*cd_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now,
                                         curl_off_t upload_total, curl_off_t upload_now);

CURLcode cd_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode cd_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode cd_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode cd_curl_set_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode cd_curl_set_data_callback(CURL *handle, CURLoption option, cd_curl_data_callback callback);
CURLcode cd_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode cd_curl_set_progress_callback(CURL *handle, cd_curl_progress_callback callback);

CURLcode cd_curl_get_long(CURL *handle, CURLINFO info, long *value);
CURLcode cd_curl_get_string(CURL *handle, CURLINFO info, const char **value);
CURLcode cd_curl_get_double(CURL *handle, CURLINFO info, double *value);

#endif
