#include "page.h"

#include <stdio.h>

int fetch_page(struct page_fetch *f) {
    CURLcode rc;
    curl_easy_setopt(f->curl, CURLOPT_URL, f->url);
    rc = curl_easy_perform(f->curl);
    if (rc != CURLE_OK) {
        fprintf(stderr, "%s: %s\n", f->url, curl_easy_strerror(rc));
        return -1;
    }
    curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &f->status);
    return 0;
}
