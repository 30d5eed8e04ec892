#include "transfer.h"

#include <stdio.h>

int transfer_run(CURL *h, const char *what) {
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        fprintf(stderr, "%s: %s\n", what, curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}
