/* GNU statement expressions: ({ ... }) with declarations, returns and a value. */
#include <stdio.h>

#define OPEN_OR_RETURN(path)                                                                                           \
    ({                                                                                                                 \
        FILE *f_ = fopen((path), "r");                                                                                 \
        if (!f_)                                                                                                       \
            return -1;                                                                                                 \
        f_;                                                                                                            \
    })

#define CLOSE_AND_ZERO(f) ({ fclose(f); (f) = NULL; 0; })

int open_or_return(const char *p) {
    FILE *fp = OPEN_OR_RETURN(p);
    fgetc(fp);
    fclose(fp);
    return 0;
}

int value_is_the_stream(const char *p) {
    FILE *fp = ({ FILE *t = fopen(p, "r"); t; }); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

int close_in_statement_expression(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    int rc = CLOSE_AND_ZERO(fp);
    return rc;
}

int nested_statement_expressions(const char *p, int n) {
    FILE *fp = OPEN_OR_RETURN(p);
    int c = ({
        int r = 0;
        if (n > 0)
            r = ({ int k = fgetc(fp); k < 0 ? 0 : k; });
        r;
    });
    fclose(fp);
    return c;
}

/*
 * check-name: GNU statement expressions
 * check-description: a statement expression may return from the enclosing function (OPEN_OR_RETURN: the NULL path
 *   holds nothing), yield the handle as its value (the stream is followed into fp, and leaked), release and clear
 *   (CLOSE_AND_ZERO), and nest.
 */
