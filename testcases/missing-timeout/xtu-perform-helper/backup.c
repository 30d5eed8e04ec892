#include <stdio.h>

#include "transfer.h"

int push_backup(const char *url, FILE *archive) {
    int rc;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, archive);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    rc = transfer_run(h, "backup"); // expect: missing-timeout
    curl_easy_cleanup(h);
    return rc;
}

int push_manifest(const char *url, FILE *manifest) {
    int rc;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, manifest);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    rc = transfer_run(h, "manifest");
    curl_easy_cleanup(h);
    return rc;
}
