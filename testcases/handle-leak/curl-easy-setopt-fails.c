/* A CURL easy handle leaks when configuring it fails. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch(const char *url, FILE *sink) {
    CURLcode rc;
    CURL *curl = curl_easy_init(); // expect: handle-leak
    if (!curl)
        return -1;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK)
        return -1;
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl easy handle not cleaned up when setopt fails
 * check-description: the CURLOPT_URL failure path returns without curl_easy_cleanup. curl_easy_setopt is a
 *   (variadic) system-header function that only configures the handle. The transfer has a timeout, so only the
 *   leak is expected.
 */
