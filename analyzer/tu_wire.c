/* tu_wire.c — see tu_wire.h. */
#include "tu_wire.h"

#include <string.h>

#include "ir_serial.h"
#include "xalloc.h"

void tu_wire_put_job(wire_buf *b, const compile_job *job, const frontend_options *opt) {
    wire_put_u8(b, TU_WIRE_JOB);
    wire_put_str(b, job->file);
    wire_put_str(b, job->directory);
    wire_put_u32(b, (uint32_t)job->nargs);
    for (size_t i = 0; i < job->nargs; i++)
        wire_put_str(b, job->args[i]);
    wire_put_u8(b, opt && opt->parse_only);
    bool unsaved = opt && opt->unsaved_contents;
    wire_put_u8(b, unsaved);
    if (unsaved) {
        wire_put_u64(b, opt->unsaved_length);
        wire_put_mem(b, opt->unsaved_contents, opt->unsaved_length);
    }
}

bool tu_wire_get_job(wire_reader *r, compile_job *job, frontend_options *opt, char **unsaved) {
    memset(job, 0, sizeof *job);
    memset(opt, 0, sizeof *opt);
    *unsaved = NULL;
    if (wire_get_u8(r) != TU_WIRE_JOB) return false;
    const char *file = wire_get_str(r), *dir = wire_get_str(r);
    uint32_t nargs = wire_get_u32(r);
    if (r->bad || !file || !dir || nargs > r->len - r->pos) return false;
    job->file = xstrdup(file);
    job->directory = xstrdup(dir);
    job->args = xcalloc(nargs + 1, sizeof *job->args);
    for (uint32_t i = 0; i < nargs && !r->bad; i++) {
        const char *a = wire_get_str(r);
        if (a) job->args[job->nargs++] = xstrdup(a);
    }
    opt->parse_only = wire_get_u8(r) != 0;
    if (wire_get_u8(r)) {
        uint64_t n = wire_get_u64(r);
        const void *p = r->bad || n > r->len - r->pos ? NULL : wire_get_mem(r, (size_t)n);
        if (p) {
            *unsaved = xmalloc((size_t)n + 1);
            memcpy(*unsaved, p, (size_t)n);
            opt->unsaved_contents = *unsaved;
            opt->unsaved_length = (size_t)n;
        } else {
            r->bad = true;
        }
    }
    if (r->bad || job->nargs != nargs) {
        compile_job_free(job);
        free(*unsaved);
        *unsaved = NULL;
        memset(opt, 0, sizeof *opt);
        return false;
    }
    return true;
}

void tu_wire_put_result(wire_buf *b, const frontend_result *fe) {
    wire_put_u8(b, TU_WIRE_RESULT);
    wire_put_u8(b, (uint8_t)fe->status);
    wire_put_f64(b, fe->parse_seconds);
    wire_put_f64(b, fe->lower_seconds);
    wire_put_u32(b, (uint32_t)fe->diags.count);
    for (size_t i = 0; i < fe->diags.count; i++) {
        const tool_diag *d = &fe->diags.items[i];
        wire_put_str(b, d->tag);
        wire_put_u8(b, (uint8_t)d->level);
        wire_put_str(b, d->file);
        wire_put_u32(b, d->line);
        wire_put_u32(b, d->col);
        wire_put_str(b, d->message);
    }
    wire_put_u32(b, (uint32_t)fe->nincluded);
    for (size_t i = 0; i < fe->nincluded; i++)
        wire_put_str(b, fe->included[i]);
    wire_put_u8(b, fe->module != NULL);
    if (fe->module) ir_module_write(b, fe->module);
}

bool tu_wire_get_result(wire_reader *r, frontend_result *out) {
    memset(out, 0, sizeof *out);
    if (wire_get_u8(r) != TU_WIRE_RESULT) return false;
    uint8_t status = wire_get_u8(r);
    out->status = status <= TU_SKIPPED ? (tu_status)status : TU_FAILED;
    out->parse_seconds = wire_get_f64(r);
    out->lower_seconds = wire_get_f64(r);
    uint32_t ndiags = wire_get_u32(r);
    for (uint32_t i = 0; i < ndiags && !r->bad; i++) {
        const char *tag = wire_get_str(r);
        uint8_t level = wire_get_u8(r);
        const char *file = wire_get_str(r);
        uint32_t line = wire_get_u32(r), col = wire_get_u32(r);
        const char *message = wire_get_str(r);
        if (!r->bad && tag && level <= SEV_ERROR)
            tool_diag_add(&out->diags, tag, (severity)level, file, line, col, message);
    }
    uint32_t nincluded = wire_get_u32(r);
    if (nincluded > r->len - r->pos) r->bad = true;
    if (!r->bad) out->included = xcalloc(nincluded + 1, sizeof *out->included);
    for (uint32_t i = 0; i < nincluded && !r->bad; i++) {
        const char *p = wire_get_str(r);
        if (p) out->included[out->nincluded++] = xstrdup(p);
    }
    if (wire_get_u8(r) && !r->bad) out->module = ir_module_read(r);
    if (r->bad || r->pos != r->len) {
        frontend_result_free(out);
        return false;
    }
    return true;
}
