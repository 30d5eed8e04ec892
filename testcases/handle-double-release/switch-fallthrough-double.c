/* A case closes and falls through into a case that closes again. */
#include <stdio.h>

enum action { ACT_ABORT, ACT_COMMIT, ACT_KEEP };

int end_txn(FILE *journal, enum action a) {
    switch (a) {
    case ACT_ABORT:
        fputs("abort\n", journal);
        fclose(journal);
        /* fall through (by mistake) */
    case ACT_COMMIT:
        fputs("commit\n", stderr);
        fclose(journal); // expect: handle-double-release
        break;
    case ACT_KEEP:
        break;
    }
    return 0;
}

/*
 * check-name: switch fallthrough into a second release
 * check-description: ACT_ABORT closes journal and falls through into ACT_COMMIT, which closes it again.
 */
