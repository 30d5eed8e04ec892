/* parse_pool.c — see parse_pool.h. The parent side: starting, feeding, timing out, killing and reaping worker
 * processes, and turning a worker's death into one clear line about its TU.
 *
 * Why processes and not threads: libclang recovers from most crashes in-process (CXError_Crashed), but not from a
 * stack overflow on its parse thread (no alternate signal stack: the whole process dies), and it cannot cancel a
 * parse. A thread left running past a timeout would keep its CPU and keep allocating — an exponential macro
 * expansion grows by tens of MB a second — until the run ends or the OOM killer ends it. A process can be killed. */
#include "parse_pool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tu_wire.h"
#include "xalloc.h"

extern char **environ;

/* --- starting a worker -------------------------------------------------------------------------------------------- */

/* fork() is safe only when no other thread could hold a lock (in libc, libclang, LLVM) at the moment of the fork. */
static bool single_threaded(void) {
    DIR *d = opendir("/proc/self/task");
    if (!d) return false;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n == 1;
}

/* In the child: fd 0 the socket, fds 1 and 2 the memfd, nothing else open; and it dies with its parent, so a worker
 * stuck in an endless parse never outlives the run. */
static void child_after_fork(int sock, int err_fd, pid_t parent) {
    if (dup2(sock, 0) < 0 || dup2(err_fd, 1) < 0 || dup2(err_fd, 2) < 0) _exit(127);
    close_range(3, ~0U, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(0);
    _exit(parse_worker_main(0));
}

int parse_worker_command(const char *parent_pid) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    /* Started by a parent that is already gone (or by hand): there is nobody to work for. */
    if (!parent_pid || getppid() != (pid_t)strtol(parent_pid, NULL, 10)) return 2;
    return parse_worker_main(0);
}

static bool proc_start(parse_proc *pp) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return false;
    int err_fd = memfd_create("lifeline-worker-output", MFD_CLOEXEC);
    if (err_fd < 0) err_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (err_fd < 0) {
        close(sv[0]);
        close(sv[1]);
        return false;
    }
    pid_t parent = getpid(), pid = -1;
    if (single_threaded()) {
        pid = fork();
        if (pid == 0) child_after_fork(sv[1], err_fd, parent);
    } else {
        /* Another thread exists: a forked child could inherit a lock held mid-operation. Start afresh instead. */
        posix_spawn_file_actions_t fa;
        char parent_text[32];
        snprintf(parent_text, sizeof parent_text, "%ld", (long)parent);
        char *argv[] = {"lifeline", PARSE_WORKER_COMMAND, parent_text, NULL};
        if (posix_spawn_file_actions_init(&fa) == 0) {
            if (posix_spawn_file_actions_adddup2(&fa, sv[1], 0) == 0 &&
                posix_spawn_file_actions_adddup2(&fa, err_fd, 1) == 0 &&
                posix_spawn_file_actions_adddup2(&fa, err_fd, 2) == 0 &&
                posix_spawn_file_actions_addclosefrom_np(&fa, 3) == 0 &&
                posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ) != 0)
                pid = -1;
            posix_spawn_file_actions_destroy(&fa);
        }
    }
    close(sv[1]);
    if (pid <= 0) {
        close(sv[0]);
        close(err_fd);
        return false;
    }
    *pp = (parse_proc){.pid = pid, .fd = sv[0], .err_fd = err_fd};
    return true;
}

/* Waits for an exiting worker for up to `grace` seconds, then kills it. Returns its wait status. */
static int proc_reap(parse_proc *pp, double grace) {
    int status = 0;
    double until = wire_now() + grace;
    for (;;) {
        pid_t r = waitpid(pp->pid, &status, WNOHANG);
        if (r == pp->pid || (r < 0 && errno != EINTR)) break;
        if (r == 0 && wire_now() >= until) {
            kill(pp->pid, SIGKILL);
            while (waitpid(pp->pid, &status, 0) < 0 && errno == EINTR)
                ;
            break;
        }
        if (r == 0) nanosleep(&(struct timespec){.tv_nsec = 2 * 1000 * 1000}, NULL);
    }
    close(pp->fd);
    close(pp->err_fd);
    *pp = (parse_proc){0};
    return status;
}

void parse_pool_start(parse_pool *p, unsigned n) {
    p->n = n;
    p->procs = xcalloc(n + 1, sizeof *p->procs);
    for (unsigned i = 0; i < n; i++)
        proc_start(&p->procs[i]);
}

void parse_pool_stop(parse_pool *p) {
    for (unsigned i = 0; i < p->n; i++)
        if (p->procs[i].pid > 0) {
            shutdown(p->procs[i].fd, SHUT_WR); /* the worker reads the end of its jobs and exits */
            proc_reap(&p->procs[i], 5.0);
        }
    free(p->procs);
    *p = (parse_pool){0};
}

/* --- one job ------------------------------------------------------------------------------------------------------ */

/* The line of the worker's output since `from` that says most about its end: the first that reports an error (a
 * sanitizer's, LLVM's fatal error), else the last one. Empty when it printed nothing. */
static void output_line(int err_fd, off_t from, char *line, size_t linelen) {
    line[0] = '\0';
    struct stat st;
    if (fstat(err_fd, &st) != 0 || st.st_size <= from) return;
    size_t n = (size_t)(st.st_size - from);
    if (n > 64 * 1024) { /* the end is where a dying process says why */
        from = st.st_size - 64 * 1024;
        n = 64 * 1024;
    }
    char *buf = xmalloc(n + 1);
    ssize_t k = pread(err_fd, buf, n, from);
    buf[k > 0 ? k : 0] = '\0';
    const char *best = NULL, *last = NULL;
    size_t best_len = 0, last_len = 0;
    for (char *s = buf; *s;) {
        char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len) {
            char saved = s[len];
            s[len] = '\0';
            if (!best && (strstr(s, "ERROR") || strstr(s, "error:") || strstr(s, "FATAL"))) {
                best = s;
                best_len = len;
            }
            s[len] = saved;
            last = s;
            last_len = len;
        }
        s += len + (e ? 1 : 0);
    }
    if (!best) {
        best = last;
        best_len = last_len;
    }
    if (best) snprintf(line, linelen, "%.*s", (int)(best_len < 300 ? best_len : 300), best);
    free(buf);
}

static void fail(frontend_result *out, const compile_job *job, const char *why) {
    frontend_result_free(out);
    out->status = TU_FAILED;
    char msg[1024];
    snprintf(msg, sizeof msg, "could not analyse this translation unit: %s", why);
    tool_diag_add(&out->diags, "lifeline-tu-failed", SEV_ERROR, job->file, 0, 0, msg);
}

static const char *phase_text(bool lowering) {
    return lowering ? "while lifeline lowered it to IR" : "while libclang parsed it";
}

/* A worker that stopped answering mid-job: reaped, and its end told in out. */
static void worker_died(parse_proc *pp, const compile_job *job, off_t out_from, bool lowering, frontend_result *out) {
    char line[400];
    output_line(pp->err_fd, out_from, line, sizeof line);
    int status = proc_reap(pp, 2.0);
    char why[800];
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        snprintf(why, sizeof why, "its worker process died of signal %d (%s) %s%s", sig, strsignal(sig),
                 phase_text(lowering), lowering ? " (a lifeline bug: please report it)" : "");
    } else {
        snprintf(why, sizeof why, "its worker process exited with status %d %s", WEXITSTATUS(status),
                 phase_text(lowering));
    }
    if (line[0]) {
        size_t n = strlen(why);
        snprintf(why + n, sizeof why - n, ": %s", line);
    }
    fail(out, job, why);
}

void parse_pool_process(parse_pool *p, unsigned slot, const compile_job *job, const frontend_options *opt,
                        double timeout, frontend_result *out) {
    memset(out, 0, sizeof *out);
    parse_proc *pp = &p->procs[slot];
    wire_buf buf = {0};
    tu_wire_put_job(&buf, job, opt);
    bool sent = false;
    for (int attempt = 0; attempt < 2 && !sent; attempt++) {
        if (!pp->pid && !proc_start(pp)) break;
        sent = wire_send(pp->fd, &buf) == WIRE_OK;
        if (!sent) proc_reap(pp, 1.0); /* died between jobs: start another */
    }
    if (!sent) { /* no worker process at all (out of processes?): better unprotected than not analysed */
        wire_buf_free(&buf);
        frontend_process(job, opt, out);
        return;
    }
    struct stat st;
    off_t out_from = fstat(pp->err_fd, &st) == 0 ? st.st_size : 0;
    double deadline = timeout > 0 ? wire_now() + timeout : 0;
    bool lowering = false;
    for (;;) {
        wire_status ws = wire_recv(pp->fd, &buf, deadline);
        if (ws == WIRE_TIMEOUT) {
            kill(pp->pid, SIGKILL);
            proc_reap(pp, 5.0);
            char why[160];
            snprintf(why, sizeof why, "timed out after %g s %s (--tu-timeout)", timeout, phase_text(lowering));
            fail(out, job, why);
            break;
        }
        if (ws == WIRE_CLOSED) {
            worker_died(pp, job, out_from, lowering, out);
            break;
        }
        if (buf.len == 1 && buf.data[0] == TU_WIRE_PARSED) {
            lowering = true;
            continue;
        }
        wire_reader r = wire_reader_of(&buf);
        if (!tu_wire_get_result(&r, out)) {
            kill(pp->pid, SIGKILL);
            proc_reap(pp, 5.0);
            fail(out, job, "its worker process sent a malformed result (a lifeline bug: please report it)");
        }
        break;
    }
    wire_buf_free(&buf);
}
