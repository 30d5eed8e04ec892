/* An include that is not there (a generated config.h, a dependency's header outside the include path). */
#include <stdio.h>

#include "does_not_exist.h"

/* Undeclared functions (they were in the missing header): clang keeps the calls (C99 makes the implicit declaration
 * an error, but one with a warning flag, after which the AST is whole). An unknown function may take the stream. */
int closes_through_unknown(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    my_stream_close(fp);
    return 0;
}

int closes_through_unknown_macro(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    CLOSE_FILE(fp);
    return 0;
}

/* A macro without parentheses from the missing header: clang drops the statement, and with it the close. */
int dropped_statement(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    if (fgetc(fp) == EOF)
        goto out;
    fgetc(fp);
out:
    CLOSE_AND_LOG;
    return 0;
}

/* A type from the missing header: the declaration and everything using it are gone. */
int unknown_type(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    conf_t cfg;
    parse_conf(fp, &cfg);
    fclose(fp);
    return cfg.ok;
}

int unknown_struct_member(const char *p, struct opts *o) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    if (o->verbose)
        fputs("reading\n", stderr);
    fclose(fp);
    return 0;
}

/* Nothing here depends on the missing header: the leak is reported. */
int untouched_by_the_header(const char *p) {
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: missing header
 * check-description: the TU has parse errors (one [lifeline-parse-error] note names the missing header and counts
 *   the errors that follow). Functions whose body holds an error after which clang drops code (an undeclared
 *   identifier, an unknown type, an incomplete struct) are not analysed, and that note names them:
 *   dropped_statement would otherwise leak through the dropped CLOSE_AND_LOG. Calls to
 *   undeclared functions stay (the stream is handed to an unknown function). The rest of the TU is analysed as
 *   usual: the leak in untouched_by_the_header is reported.
 */
