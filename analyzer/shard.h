/* shard.h — `--shard K/N`: a deterministic share of a project's translation units, for CI matrices.
 *
 * A TU belongs to shard 1 + XXH3-64(P) mod N, where P is its main file's path relative to the directory of
 * compile_commands.json (symbolic links resolved, "/" separators, ".." where the file lies outside that directory).
 * The path, not the TU's position, decides: adding or removing entries moves no other TU, and the same TU lands in the
 * same shard on every machine and under every checkout path. Every entry of one main file (several configurations of
 * it) lands in the same shard. */
#ifndef LIFELINE_SHARD_H
#define LIFELINE_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "frontend.h"

/* The largest N accepted: a matrix wider than this is a typo. */
enum { SHARD_MAX_COUNT = 10000 };

typedef struct shard_spec {
    unsigned index; /* K, 1..count */
    unsigned count; /* N; 0 = not sharded */
} shard_spec;

/* Parses "K/N" (decimal digits only, 1 <= K <= N <= SHARD_MAX_COUNT). 0, or -1 with one sentence in err that names
 * the text and says what is wrong. */
int shard_parse(const char *text, shard_spec *out, char *err, size_t errlen);

/* The stable hash of a relative path (XXH3-64, seed 0). */
uint64_t shard_hash(const char *relative_path);

/* The shard (1..count) a relative path belongs to; count must be >= 1. */
unsigned shard_of(const char *relative_path, unsigned count);

/* `file` relative to the directory `base`, both absolute (or both relative to the same directory), compared
 * component by component after lexical normalisation: "src/a.c", "../src/a.c". malloc'd. */
char *shard_relative_path(const char *base, const char *file);

/* The path a job is hashed by: its main file (realpath when it exists) relative to base_dir (realpath when it
 * exists). malloc'd. */
char *shard_job_path(const char *base_dir, const compile_job *job);

/* Keeps the jobs of shard spec (all of them when spec.count is 0), freeing the others; base_dir is the directory of
 * compile_commands.json (or a path naming the file itself), NULL for the current directory. Returns how many jobs
 * were there before. */
size_t shard_select_jobs(compile_jobs *jobs, const char *base_dir, shard_spec spec);

#endif
