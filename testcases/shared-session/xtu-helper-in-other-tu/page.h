#ifndef PAGE_H
#define PAGE_H

#include "../../include/curl/curl.h"

struct page_fetch {
    CURL *curl;
    const char *url;
    long status;
};

/* Fetches f->url with f->curl and stores the HTTP status in f->status; 0 on success. */
int fetch_page(struct page_fetch *f);

#endif
