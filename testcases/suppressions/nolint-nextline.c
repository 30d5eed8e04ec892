/* nolintnextline applies to the line right below it, and only to that line. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int probe(const char *path) {
    // NOLINTNEXTLINE(lifeline-handle-leak)
    int fd = open(path, O_RDONLY);
    return fd < 0 ? -1 : 0;
}

int probe_block(const char *path) {
    /* NOLINTNEXTLINE */
    int fd = open(path, O_RDONLY);
    return fd < 0 ? -1 : 0;
}

int probe_too_far(const char *path) {
    // NOLINTNEXTLINE(lifeline-handle-leak)
    char c = 0;
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    return read(fd, &c, 1) == 1 ? c : -1;
}

int probe_same_line(const char *path) {
    int fd = open(path, O_RDONLY); // NOLINTNEXTLINE(lifeline-handle-leak) expect: handle-leak
    return fd < 0 ? -1 : 0;
}

int probe_wrapped(const char *path) {
    // NOLINTNEXTLINE(lifeline-handle-leak)
    FILE *fp =
        fopen(path, "r"); // expect: handle-leak
    return fp ? 0 : -1;
}

int probe_wrapped_ok(const char *path) {
    FILE *fp =
        // NOLINTNEXTLINE(lifeline-handle-leak)
        fopen(path, "r");
    return fp ? 0 : -1;
}

int probe_prose(const char *path) {
    /* The descriptor is inherited by the children on purpose: NOLINTNEXTLINE(lifeline-handle-leak) */
    int fd = open(path, O_RDONLY);
    return fd < 0 ? -1 : 0;
}

/*
 * check-name: nolintnextline reaches one line
 * check-description: every function leaks its descriptor or stream when the acquisition succeeds; the finding
 *   sits on the line of the acquiring call. A nolintnextline right above it suppresses it (probe, probe_block,
 *   probe_wrapped_ok). Two lines above (probe_too_far) it does not reach; on the finding's own line
 *   (probe_same_line) it concerns the line after. In probe_wrapped the declaration starts under the directive but
 *   the fopen call, where the finding is, is on the following line: reported. In probe_prose the directive is
 *   in the middle of a sentence: as with clang-tidy, the word anywhere in a comment is a directive (which is why
 *   the prose of these samples writes directive names in lower case).
 */
