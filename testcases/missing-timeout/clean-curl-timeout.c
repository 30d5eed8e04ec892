/* Fixed version of curl-no-timeout.c: the whole transfer is limited to 30 seconds. */
#include <stdio.h>

#include "../include/curl/curl.h"

int download(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        fprintf(stderr, "download %s: %s\n", url, curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl transfer with CURLOPT_TIMEOUT
 * check-description: CURLOPT_TIMEOUT with a non-zero value bounds the whole transfer.
 */
