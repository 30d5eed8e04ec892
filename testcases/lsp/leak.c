/* The sample `lifeline lsp` is tested with (testcases/check-lsp.sh): a stream that count_lines never closes. The
 * editor session adds the fclose without saving, and the diagnostic must go away. */
#include <stdio.h>

int count_lines(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    int n = 0;
    int c;
    while ((c = fgetc(fp)) != EOF)
        if (c == '\n')
            n++;
    return n;
}

/*
 * check-name: lsp end-to-end sample
 * check-description: fopen'd stream never closed; check-lsp.sh fixes it in an unsaved editor buffer.
 */
