/* Fixed version of curl-low-speed-half.c: long downloads are bounded by a minimum speed instead of a total time. */
#include <stdio.h>

#include "../include/curl/curl.h"

int mirror_file(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L); /* bytes per second ... */
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);    /* ... over 60 seconds */
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int mirror_archive(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl low-speed limit and time set together
 * check-description: CURLOPT_LOW_SPEED_LIMIT with CURLOPT_LOW_SPEED_TIME (in either order) aborts a stalled
 *   transfer, so both performs are bounded without CURLOPT_TIMEOUT.
 */
