/* A struct returned by value is copied to the caller, but the pointers inside it are copied as they are: if one of
 * them points into the callee's frame (including into the returned struct's own local original), it dangles. */
#include <stddef.h>
#include <string.h>

struct view {
    const char *data;
    size_t len;
};

struct view make_view(const char *src) {
    char copy[64];
    strncpy(copy, src, sizeof copy - 1);
    copy[sizeof copy - 1] = '\0';
    struct view v = {copy, strlen(copy)};
    return v; // expect: stack-address-escape
}

struct view literal_view(void) {
    char tmp[4] = "abc";
    return (struct view){tmp, 3}; // expect: stack-address-escape
}

struct buffer {
    char inline_buf[16];
    char *cursor;
};

struct buffer buffer_init(void) {
    struct buffer b;
    b.inline_buf[0] = '\0';
    b.cursor = b.inline_buf;
    return b; // expect: stack-address-escape
}

struct wrapper {
    struct view inner;
    int tag;
};

struct wrapper wrap(void) {
    char data[8] = "x";
    struct wrapper w;
    w.tag = 1;
    w.inner.data = data;
    w.inner.len = 1;
    return w; // expect: stack-address-escape
}

/*
 * check-name: returning a struct by value that holds the address of a local
 * check-description: v.data, the compound literal's data, b.cursor (pointing at the local b itself, not at the
 *   caller's copy) and w.inner.data all point into the callee's frame after the return.
 */
