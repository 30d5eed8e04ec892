/* The transfer happens in a helper that receives the handle: the caller, which created the handle without a timeout,
 * is where the problem is. */
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
    rc = run_transfer(h, "upload"); // expect: missing-timeout
    curl_easy_cleanup(h);
    return rc;
}

/*
 * check-name: unbounded handle passed to a helper that performs
 * check-description: run_transfer's handle comes from its parameter (history unknown there), so it has no finding;
 *   its summary says it performs on the parameter, and upload_logs passes a handle with no timeout: the finding is
 *   at the call of run_transfer.
 */
