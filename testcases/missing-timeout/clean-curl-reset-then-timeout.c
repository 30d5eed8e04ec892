/* Fixed version of curl-reset-after-timeout.c: the timeout is set again after the reset. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch_pair(const char *index_url, const char *item_url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_URL, index_url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        curl_easy_reset(curl); /* forget the first request's options */
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
        curl_easy_setopt(curl, CURLOPT_URL, item_url);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
        rc = curl_easy_perform(curl);
    }
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout set again after curl_easy_reset
 * check-description: both performs run with CURLOPT_TIMEOUT set since the handle's creation or its last reset.
 */
