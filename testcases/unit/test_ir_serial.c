/* test_ir_serial.c — what a parse worker process sends its parent (ir_serial.c, tu_wire.c): every sample TU is lowered
 * in-process, its front-end result written and read back, and the copy compared with the original field by field —
 * every event, operand, place, variable, global, location; interned file names still one pointer per file. A message
 * cut short anywhere, or with bytes flipped, is rejected or read without a crash; a job survives the trip with its
 * arguments (spaces, UTF-8) and unsaved contents (NUL bytes included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend.h"
#include "ir.h"
#include "ir_serial.h"
#include "tu_wire.h"

static const char *testcases_dir(void) {
    const char *d = getenv("LIFELINE_TESTCASES");
    return d ? d : LIFELINE_SOURCE_DIR "/testcases";
}

/* --- field-by-field equality ---------------------------------------------------------------------------------------
 */

static void same_str(const char *a, const char *b) {
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

static int file_index(const ir_module *m, const char *p) {
    for (uint32_t i = 0; i < m->nfiles; i++)
        if (m->files[i] == p) return (int)i;
    return -1;
}

typedef struct pair {
    const ir_module *a, *b;
} pair;

static void same_loc(const pair *m, const ir_loc *a, const ir_loc *b) {
    same_str(a->file, b->file);
    /* an interned name is the copy's interned name of the same file */
    assert_int_equal(file_index(m->a, a->file), file_index(m->b, b->file));
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->col, b->col);
    assert_int_equal(a->end_line, b->end_line);
    assert_int_equal(a->end_col, b->end_col);
}

static void same_place(const ir_place *a, const ir_place *b) {
    assert_int_equal(a->root, b->root);
    assert_int_equal(a->index, b->index);
    assert_int_equal(a->npath, b->npath);
    for (uint16_t i = 0; i < a->npath; i++) {
        assert_int_equal(a->path[i].kind, b->path[i].kind);
        same_str(a->path[i].field, b->path[i].field);
        assert_int_equal(a->path[i].has_index, b->path[i].has_index);
        assert_int_equal(a->path[i].index, b->path[i].index);
    }
}

static void same_operand(const ir_operand *a, const ir_operand *b) {
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->offset, b->offset);
    assert_int_equal(a->array_decay, b->array_decay);
    assert_int_equal(a->is_pointer, b->is_pointer);
    same_place(&a->place, &b->place);
    assert_int_equal(a->value, b->value);
    same_str(a->text, b->text);
    same_str(a->usr, b->usr);
    assert_int_equal(a->op, b->op);
    assert_int_equal(a->lhs != NULL, b->lhs != NULL);
    assert_int_equal(a->rhs != NULL, b->rhs != NULL);
    if (a->lhs) same_operand(a->lhs, b->lhs);
    if (a->rhs) same_operand(a->rhs, b->rhs);
}

static void same_event(const pair *m, const ir_event *a, const ir_event *b) {
    assert_int_equal(a->kind, b->kind);
    same_loc(m, &a->loc, &b->loc);
    switch (a->kind) {
    case EV_ASSIGN:
        same_place(&a->u.assign.dst, &b->u.assign.dst);
        same_operand(&a->u.assign.src, &b->u.assign.src);
        break;
    case EV_CALL:
        same_str(a->u.call.callee, b->u.call.callee);
        same_str(a->u.call.callee_usr, b->u.call.callee_usr);
        same_operand(&a->u.call.fnptr, &b->u.call.fnptr);
        assert_int_equal(a->u.call.nargs, b->u.call.nargs);
        for (uint32_t i = 0; i < a->u.call.nargs; i++)
            same_operand(&a->u.call.args[i], &b->u.call.args[i]);
        assert_int_equal(a->u.call.result_var, b->u.call.result_var);
        assert_int_equal(a->u.call.noreturn, b->u.call.noreturn);
        assert_int_equal(a->u.call.variadic, b->u.call.variadic);
        assert_int_equal(a->u.call.defined_in_program, b->u.call.defined_in_program);
        assert_int_equal(a->u.call.system_callee, b->u.call.system_callee);
        break;
    case EV_DECL:
        assert_int_equal(a->u.decl.var, b->u.decl.var);
        break;
    case EV_SCOPE_END:
        assert_int_equal(a->u.scope_end.nvars, b->u.scope_end.nvars);
        for (uint32_t i = 0; i < a->u.scope_end.nvars; i++)
            assert_int_equal(a->u.scope_end.vars[i], b->u.scope_end.vars[i]);
        break;
    }
}

static void same_function(const pair *m, const ir_function *a, const ir_function *b) {
    same_str(a->name, b->name);
    same_str(a->usr, b->usr);
    same_loc(m, &a->loc, &b->loc);
    assert_int_equal(a->is_static, b->is_static);
    assert_int_equal(a->is_inline_header, b->is_inline_header);
    same_str(a->return_type, b->return_type);
    assert_int_equal(a->returns_pointer, b->returns_pointer);
    assert_int_equal(a->nparams, b->nparams);
    assert_int_equal(a->nvars, b->nvars);
    for (uint32_t i = 0; i < a->nvars; i++) {
        const ir_var *x = &a->vars[i], *y = &b->vars[i];
        assert_int_equal(x->kind, y->kind);
        same_str(x->name, y->name);
        same_str(x->type, y->type);
        assert_int_equal(x->is_pointer, y->is_pointer);
        assert_int_equal(x->is_array, y->is_array);
        assert_int_equal(x->is_record, y->is_record);
        assert_int_equal(x->is_integer, y->is_integer);
        assert_int_equal(x->address_taken, y->address_taken);
        same_str(x->cleanup, y->cleanup);
        same_loc(m, &x->loc, &y->loc);
    }
    assert_int_equal(a->nblocks, b->nblocks);
    for (uint32_t i = 0; i < a->nblocks; i++) {
        const ir_block *x = &a->blocks[i], *y = &b->blocks[i];
        assert_int_equal(x->nevents, y->nevents);
        for (uint32_t e = 0; e < x->nevents; e++)
            same_event(m, &x->events[e], &y->events[e]);
        assert_int_equal(x->term.kind, y->term.kind);
        same_loc(m, &x->term.loc, &y->term.loc);
        same_operand(&x->term.cond.lhs, &y->term.cond.lhs);
        assert_int_equal(x->term.cond.cmp, y->term.cond.cmp);
        same_operand(&x->term.cond.rhs, &y->term.cond.rhs);
        same_operand(&x->term.ret, &y->term.ret);
        assert_int_equal(x->term.has_ret, y->term.has_ret);
        same_str(x->term.what, y->term.what);
        assert_int_equal(x->nsuccs, y->nsuccs);
        for (uint32_t s = 0; s < x->nsuccs; s++)
            assert_int_equal(x->succs[s], y->succs[s]);
    }
}

static void same_module(const ir_module *a, const ir_module *b) {
    pair m = {a, b};
    same_str(a->main_file, b->main_file);
    assert_int_equal(a->nfiles, b->nfiles);
    for (uint32_t i = 0; i < a->nfiles; i++)
        same_str(a->files[i], b->files[i]);
    assert_int_equal(a->nglobals, b->nglobals);
    for (uint32_t i = 0; i < a->nglobals; i++) {
        const ir_global *x = &a->globals[i], *y = &b->globals[i];
        same_str(x->name, y->name);
        same_str(x->usr, y->usr);
        same_str(x->type, y->type);
        assert_int_equal(x->is_pointer, y->is_pointer);
        assert_int_equal(x->is_array, y->is_array);
        assert_int_equal(x->is_record, y->is_record);
        assert_int_equal(x->is_const, y->is_const);
        assert_int_equal(x->is_static, y->is_static);
        assert_int_equal(x->has_int_init, y->has_int_init);
        assert_int_equal(x->written, y->written);
        assert_int_equal(x->is_function_scope_static, y->is_function_scope_static);
        assert_int_equal(x->init, y->init);
        same_loc(&m, &x->loc, &y->loc);
    }
    assert_int_equal(a->nfunctions, b->nfunctions);
    for (uint32_t i = 0; i < a->nfunctions; i++)
        same_function(&m, a->functions[i], b->functions[i]);
}

static void same_result(const frontend_result *a, const frontend_result *b) {
    assert_int_equal(a->status, b->status);
    assert_true(a->parse_seconds == b->parse_seconds);
    assert_true(a->lower_seconds == b->lower_seconds);
    assert_int_equal(a->diags.count, b->diags.count);
    for (size_t i = 0; i < a->diags.count; i++) {
        same_str(a->diags.items[i].tag, b->diags.items[i].tag);
        assert_int_equal(a->diags.items[i].level, b->diags.items[i].level);
        same_str(a->diags.items[i].file, b->diags.items[i].file);
        assert_int_equal(a->diags.items[i].line, b->diags.items[i].line);
        assert_int_equal(a->diags.items[i].col, b->diags.items[i].col);
        same_str(a->diags.items[i].message, b->diags.items[i].message);
    }
    assert_int_equal(a->nincluded, b->nincluded);
    for (size_t i = 0; i < a->nincluded; i++)
        same_str(a->included[i], b->included[i]);
    assert_int_equal(a->module != NULL, b->module != NULL);
    if (a->module) same_module(a->module, b->module);
}

/* --- the samples -------------------------------------------------------------------------------------------------- */

typedef struct totals {
    size_t tus, functions, events;
} totals;

static void round_trip_file(const char *path, totals *t) {
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    static char std_arg[] = "-std=gnu17";
    char *args[] = {std_arg};
    compile_job job = {.file = (char *)path, .directory = dir, .args = args, .nargs = 1};
    frontend_result fe;
    frontend_process(&job, NULL, &fe);
    wire_buf b = {0};
    tu_wire_put_result(&b, &fe);
    wire_reader r = wire_reader_of(&b);
    frontend_result copy;
    assert_true(tu_wire_get_result(&r, &copy));
    same_result(&fe, &copy);
    t->tus++;
    if (fe.module) {
        t->functions += fe.module->nfunctions;
        for (uint32_t i = 0; i < fe.module->nfunctions; i++)
            for (uint32_t k = 0; k < fe.module->functions[i]->nblocks; k++)
                t->events += fe.module->functions[i]->blocks[k].nevents;
    }
    frontend_result_free(&copy);
    frontend_result_free(&fe);
    wire_buf_free(&b);
}

static void round_trip_dir(const char *dir, totals *t) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "unit") == 0) continue; /* samples, not these tests */
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            round_trip_dir(path, t);
        else if (n > 2 && strcmp(e->d_name + n - 2, ".c") == 0)
            round_trip_file(path, t);
    }
    closedir(d);
}

static void test_every_sample_round_trips(void **state) {
    (void)state;
    totals t = {0};
    round_trip_dir(testcases_dir(), &t);
    /* the samples and the demo: hundreds of TUs, thousands of functions */
    assert_true(t.tus > 300);
    assert_true(t.functions > 1000);
    assert_true(t.events > 10000);
}

/* --- damaged messages --------------------------------------------------------------------------------------------- */

static const char damaged_source[] = "#include <stdio.h>\n"
                                     "struct s { FILE *f; int a[4]; };\n"
                                     "static int g = 3;\n"
                                     "int use(struct s *p, int n) {\n"
                                     "    FILE *fp = fopen(\"x\", \"r\");\n"
                                     "    if (!fp) return -1;\n"
                                     "    p->f = fp; p->a[2] = n * g + 1;\n"
                                     "    for (int i = 0; i < n; i++) if (i == g) break;\n"
                                     "    return n > 0 ? p->a[2] : -n;\n"
                                     "}\n";

static void lower_damaged_source(frontend_result *fe) {
    char dir[] = "/tmp/lifeline-serial-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/d.c", dir);
    compile_job job = {.file = path, .directory = dir};
    frontend_options opt = {.unsaved_contents = damaged_source, .unsaved_length = sizeof damaged_source - 1};
    frontend_process(&job, &opt, fe);
    rmdir(dir);
    assert_int_equal(fe->status, TU_OK);
    assert_non_null(fe->module);
}

static void test_truncated_messages_are_rejected(void **state) {
    (void)state;
    frontend_result fe;
    lower_damaged_source(&fe);
    wire_buf b = {0};
    tu_wire_put_result(&b, &fe);
    wire_buf m = {0};
    ir_module_write(&m, fe.module);
    for (size_t n = 0; n < b.len; n++) {
        wire_reader r = {.p = b.data, .len = n};
        frontend_result copy;
        assert_false(tu_wire_get_result(&r, &copy));
        assert_int_equal(copy.diags.count, 0);
        assert_null(copy.module);
    }
    for (size_t n = 0; n < m.len; n++) {
        wire_reader r = {.p = m.data, .len = n};
        assert_null(ir_module_read(&r));
        assert_true(r.bad);
    }
    wire_reader whole = wire_reader_of(&m);
    ir_module *copy = ir_module_read(&whole);
    assert_non_null(copy);
    same_module(fe.module, copy);
    ir_module_free(copy);
    wire_buf_free(&m);
    wire_buf_free(&b);
    frontend_result_free(&fe);
}

/* Each byte in turn set to 0x00, 0xff and 0x7f: the reader either rejects the message or returns a module whose
 * indices are in range; never a crash (ASan and UBSan watch in CI). */
static void test_flipped_bytes_never_crash(void **state) {
    (void)state;
    frontend_result fe;
    lower_damaged_source(&fe);
    wire_buf m = {0};
    ir_module_write(&m, fe.module);
    unsigned char *work = malloc(m.len);
    assert_non_null(work);
    static const unsigned char values[] = {0x00, 0xff, 0x7f};
    size_t rejected = 0;
    for (size_t i = 0; i < m.len; i++)
        for (size_t v = 0; v < sizeof values; v++) {
            memcpy(work, m.data, m.len);
            if (work[i] == values[v]) continue;
            work[i] = values[v];
            wire_reader r = {.p = work, .len = m.len};
            ir_module *copy = ir_module_read(&r);
            if (!copy) {
                rejected++;
                continue;
            }
            for (uint32_t f = 0; f < copy->nfunctions; f++) {
                const ir_function *fn = copy->functions[f];
                for (uint32_t k = 0; k < fn->nblocks; k++)
                    for (uint32_t s = 0; s < fn->blocks[k].nsuccs; s++)
                        assert_true(fn->blocks[k].succs[s] < fn->nblocks);
            }
            ir_module_free(copy);
        }
    assert_true(rejected > m.len / 2);
    free(work);
    wire_buf_free(&m);
    frontend_result_free(&fe);
}

static void test_job_round_trips(void **state) {
    (void)state;
    static char a0[] = "-I/tmp/my proj/inc dir", a1[] = "-DMSG=\"h\xc3\xa9llo w\xc3\xb6rld\"", a2[] = "";
    char *args[] = {a0, a1, a2};
    compile_job job = {.file = "/tmp/my proj/s\xc3\xbc"
                               "bdir/\xc3\xbcn\xc3\xaf c\xc3\xb6"
                               "d\xc3\xa9.c",
                       .directory = "/tmp/my proj",
                       .args = args,
                       .nargs = 3};
    static const char contents[] = "int a;\0int b;\n";
    frontend_options opt = {.parse_only = true, .unsaved_contents = contents, .unsaved_length = sizeof contents - 1};
    wire_buf b = {0};
    tu_wire_put_job(&b, &job, &opt);
    wire_reader r = wire_reader_of(&b);
    compile_job got;
    frontend_options gopt;
    char *unsaved;
    assert_true(tu_wire_get_job(&r, &got, &gopt, &unsaved));
    assert_string_equal(got.file, job.file);
    assert_string_equal(got.directory, job.directory);
    assert_int_equal(got.nargs, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(got.args[i], args[i]);
    assert_true(gopt.parse_only);
    assert_int_equal(gopt.unsaved_length, sizeof contents - 1);
    assert_memory_equal(gopt.unsaved_contents, contents, sizeof contents - 1);
    compile_job_free(&got);
    free(unsaved);
    for (size_t n = 0; n < b.len; n++) {
        wire_reader cut = {.p = b.data, .len = n};
        assert_false(tu_wire_get_job(&cut, &got, &gopt, &unsaved));
        assert_null(unsaved);
    }
    wire_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sample_round_trips),
        cmocka_unit_test(test_truncated_messages_are_rejected),
        cmocka_unit_test(test_flipped_bytes_never_crash),
        cmocka_unit_test(test_job_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
