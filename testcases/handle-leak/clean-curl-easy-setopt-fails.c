/* Fixed version of curl-easy-setopt-fails.c. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch(const char *url, FILE *sink) {
    CURLcode rc = CURLE_FAILED_INIT;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK)
        goto cleanup;
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    rc = curl_easy_perform(curl);
cleanup:
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl easy handle cleaned up at a single exit
 * check-description: the setopt failure jumps to cleanup; every non-NULL path calls curl_easy_cleanup.
 */
