/* The low-speed abort needs both options: LOW_SPEED_LIMIT alone or LOW_SPEED_TIME alone never fires. */
#include <stdio.h>

#include "../include/curl/curl.h"

int mirror_file(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L); /* bytes per second */
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int mirror_archive(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: only one of the curl low-speed options
 * check-description: libcurl aborts a slow transfer only when both CURLOPT_LOW_SPEED_LIMIT and
 *   CURLOPT_LOW_SPEED_TIME are set; each function sets just one of them and no timeout, so both performs are
 *   reported.
 */
