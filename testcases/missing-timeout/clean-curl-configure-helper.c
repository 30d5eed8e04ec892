/* A project helper applies the common options, the timeout among them, to a handle the caller created. */
#include <stdio.h>

#include "../include/curl/curl.h"

static void configure_defaults(CURL *h, FILE *out) {
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
}

int fetch_report(const char *url, FILE *out) {
    CURLcode rc;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    configure_defaults(h, out);
    curl_easy_setopt(h, CURLOPT_URL, url);
    rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: timeout set by a helper on its parameter
 * check-description: configure_defaults sets CURLOPT_TIMEOUT on the handle it is given, on every path; after the
 *   call the caller's handle is bounded.
 */
