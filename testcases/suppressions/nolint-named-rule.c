/* nolint(lifeline-handle-leak) names the rule by its check name: it silences handle-leak on that line. The rule id
 * without the "lifeline-" prefix and another rule's name do not. */
#include <stdio.h>

int peek(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-leak)
    if (!fp)
        return -1;
    return fgetc(fp);
}

int peek_spaced(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT( lifeline-handle-leak ): spaces inside the list are allowed
    if (!fp)
        return -1;
    return fgetc(fp);
}

int peek_unprefixed(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(handle-leak) expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

int peek_wrong_rule(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-double-release) expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: nolint with a lifeline check name
 * check-description: lifeline's checks are named lifeline-<rule id>, as clang-tidy names its checks. peek and
 *   peek_spaced name lifeline-handle-leak: suppressed. peek_unprefixed writes the bare rule id handle-leak, which
 *   is no check name: reported. peek_wrong_rule names another lifeline rule, handle-double-release, on a leak:
 *   reported.
 */
