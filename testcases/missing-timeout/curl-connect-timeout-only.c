/* CURLOPT_CONNECTTIMEOUT(_MS) only bounds the connection phase: once connected, a stalled server blocks forever. */
#include <stdio.h>

#include "../include/curl/curl.h"

int post_metrics(const char *url, FILE *payload) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, payload);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int ping_health(const char *url) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 1500L);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK;
}

/*
 * check-name: curl transfer with only a connect timeout
 * check-description: CURLOPT_CONNECTTIMEOUT and CURLOPT_CONNECTTIMEOUT_MS limit the connect phase only; neither
 *   CURLOPT_TIMEOUT(_MS) nor the low-speed pair is set, so both curl_easy_perform calls are reported.
 */
