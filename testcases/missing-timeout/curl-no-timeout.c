/* A transfer with no time bound: a server that accepts the connection and then stops sending hangs the caller. */
#include <stdio.h>

#include "../include/curl/curl.h"

int download(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    if (rc != CURLE_OK)
        fprintf(stderr, "download %s: %s\n", url, curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl transfer without any timeout
 * check-description: the handle is created here and only CURLOPT_URL / CURLOPT_WRITEDATA are set: libcurl's default
 *   is to wait forever, so curl_easy_perform is reported.
 */
