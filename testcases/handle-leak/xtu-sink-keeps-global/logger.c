#include "logger.h"

static FILE *s_out;

void log_set_output(FILE *out) {
    if (s_out)
        fclose(s_out);
    s_out = out;
}

void log_shutdown(void) {
    if (s_out) {
        fclose(s_out);
        s_out = NULL;
    }
}
