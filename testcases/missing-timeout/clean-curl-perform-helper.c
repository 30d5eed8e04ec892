/* Fixed version of curl-perform-helper.c: the caller sets the timeout before handing the handle to the helper. */
#include <stdio.h>

#include "../include/curl/curl.h"

static int run_transfer(CURL *h, const char *what) {
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        fprintf(stderr, "%s: %s\n", what, curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}

int upload_logs(const char *url, FILE *logs) {
    int rc;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, logs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
    rc = run_transfer(h, "upload");
    curl_easy_cleanup(h);
    return rc;
}

/*
 * check-name: bounded handle passed to a helper that performs
 * check-description: upload_logs sets CURLOPT_TIMEOUT before calling run_transfer; run_transfer itself has no
 *   finding (its handle is a parameter).
 */
