#include "stream_util.h"

int read_both(const char *a, const char *b) {
    return peek_quiet(a) + peek_loud(b); // NOLINT(lifeline-handle-leak)
}
