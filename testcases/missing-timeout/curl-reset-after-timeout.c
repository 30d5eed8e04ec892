/* curl_easy_reset between two requests on a reused handle wipes every option, the timeout included. */
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
        curl_easy_setopt(curl, CURLOPT_URL, item_url);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
        rc = curl_easy_perform(curl); // expect: missing-timeout
    }
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout cleared by curl_easy_reset
 * check-description: the first perform has CURLOPT_TIMEOUT; curl_easy_reset restores the defaults (no timeout) and
 *   the second request does not set it again, so only the second perform is reported.
 */
