/* test_finding.c — capping a finding's steps: a short path is kept whole; a long one keeps its first and last steps
 * with one step in between, at the first step left out, that says how many were left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"

/* A finding with n steps: step i is at line i + 1, saying "step i". */
static finding *with_steps(finding_list *fl, size_t n) {
    finding *f = finding_list_add(fl);
    f->rule_id = "handle-leak";
    f->message = strdup("leak");
    f->file = strdup("/src/a.c");
    f->function = strdup("f");
    for (size_t i = 0; i < n; i++) {
        char msg[32];
        snprintf(msg, sizeof msg, "step %zu", i);
        finding_add_step(f, "/src/a.c", (unsigned)i + 1, 5, msg);
    }
    return f;
}

static void test_short_paths_are_kept_whole(void **state) {
    (void)state;
    finding_list fl = {0};
    finding *f = with_steps(&fl, 7);
    finding_cap_steps(f, 3, 3); /* 7 = 3 + 1 + 3: dropping one step to say one was dropped gains nothing */
    assert_int_equal(f->nsteps, 7);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(f->steps[i].line, i + 1);
    finding_list_free(&fl);
}

static void test_long_paths_keep_head_and_tail(void **state) {
    (void)state;
    finding_list fl = {0};
    finding *f = with_steps(&fl, 10000);
    finding_cap_steps(f, 10, 40);
    assert_int_equal(f->nsteps, 51);
    for (size_t i = 0; i < 10; i++) {
        char want[32];
        snprintf(want, sizeof want, "step %zu", i);
        assert_string_equal(f->steps[i].message, want);
    }
    /* the gap: where the first dropped step was, and how many of them there were */
    assert_int_equal(f->steps[10].line, 11);
    assert_string_equal(f->steps[10].file, "/src/a.c");
    assert_string_equal(f->steps[10].message, "(9950 more steps of this path are not shown)");
    for (size_t i = 0; i < 40; i++) {
        char want[32];
        snprintf(want, sizeof want, "step %zu", 9960 + i);
        assert_string_equal(f->steps[11 + i].message, want);
        assert_int_equal(f->steps[11 + i].line, 9961 + i);
    }
    finding_list_free(&fl); /* ASan: the dropped steps were freed once, the kept ones are freed here */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_paths_are_kept_whole),
        cmocka_unit_test(test_long_paths_keep_head_and_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
