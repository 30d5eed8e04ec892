/* Stub of <curl/curl.h> for lifeline's samples: only what they use, with libcurl's signatures and values. */
#ifndef LIFELINE_STUB_CURL_H
#define LIFELINE_STUB_CURL_H
#pragma GCC system_header

#include <stddef.h>

typedef void CURL;

typedef enum {
    CURLE_OK = 0,
    CURLE_UNSUPPORTED_PROTOCOL = 1,
    CURLE_FAILED_INIT = 2,
    CURLE_URL_MALFORMAT = 3,
    CURLE_COULDNT_CONNECT = 7,
    CURLE_OPERATION_TIMEDOUT = 28,
} CURLcode;

/* values: CURLOPTTYPE_LONG 0, CURLOPTTYPE_OBJECTPOINT 10000, CURLOPTTYPE_FUNCTIONPOINT 20000 (+ the option number) */
typedef enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_TIMEOUT = 13,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_CONNECTTIMEOUT = 78,
    CURLOPT_NOSIGNAL = 99,
} CURLoption;

typedef size_t (*curl_write_callback)(char *buffer, size_t size, size_t nitems, void *outstream);

CURL *curl_easy_init(void);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL *curl);
void curl_easy_cleanup(CURL *curl);
void curl_easy_reset(CURL *curl);
const char *curl_easy_strerror(CURLcode);

#endif
