/*
 * lookup.c: corpus scale, timed inside one process so that the look-up of
 * one article is not lost in the noise of reading the corpus: loads every
 * article under a folder, analyses and indexes it (articles/s), then
 * cross-references all quotes of sample articles spread through the corpus,
 * one article at a time. With --all it cross-references every article, the
 * full scan of a corpus. PATH is a folder of articles or one file of
 * articles separated by two blank lines (a folder of 25,000 files would
 * measure the file system). Prints one line:
 *   articles build_s articles_per_s lookup_median_ms lookup_p99_ms rss_kb
 *   bytes all_lookups_s
 */
#define _GNU_SOURCE /* memmem: strstr rescans at every newline and cost 5% of the timing */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "corpus.h"
#include "folder.h"

#define SAMPLES 200

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Peak RSS of this program alone: getrusage's ru_maxrss would carry over
 * the peak of the process that forked it, the harness. */
static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The articles of one file, each a source named after its place. */
static int split_file(const char *path, source ***v, size_t *n)
{
    source *whole;
    if (source_load(path, &whole) != 0)
        return -1;
    size_t cap = 0;
    for (char *p = whole->text, *end = p + whole->len; p < end;) {
        char *sep = memmem(p, (size_t)(end - p), "\n\n\n", 3);
        size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
        source *s = malloc(sizeof *s);
        char name[64];
        snprintf(name, sizeof name, "article-%zu", *n);
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            *v = realloc(*v, cap * sizeof **v);
        }
        if (!s || !*v || !(s->path = strdup(name)) || !(s->text = strndup(p, len)))
            return -1;
        s->len = len;
        (*v)[(*n)++] = s;
        p += len + (sep ? 3 : 0);
    }
    source_free(whole);
    return 0;
}

int main(int argc, char **argv)
{
    int all = argc == 3 && strcmp(argv[1], "--all") == 0;
    if (argc != 2 + all) {
        fputs("usage: lookup [--all] DIR|FILE\n", stderr);
        return 2;
    }
    const char *path = argv[1 + all];
    struct stat st;
    source **v = NULL;
    size_t n = 0, cap = 0;
    corpus *c = corpus_new();
    if (!c || stat(path, &st) != 0 ||
        (S_ISDIR(st.st_mode) ? folder_load(path, &v, &n, &cap) : split_file(path, &v, &n)) != 0 || n == 0)
        return 2;
    size_t bytes = 0;
    char **names = malloc(n * sizeof *names);
    size_t *quotes = malloc(n * sizeof *quotes);
    if (!names || !quotes)
        return 2;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        analysis *a;
        if (analysis_run(v[i]->text, v[i]->len, &a) != 0 ||
            corpus_put(c, v[i]->path, v[i]->text, v[i]->len, a) != 0)
            return 1;
        quotes[i] = a->n_quotes;
        bytes += v[i]->len;
        analysis_free(a);
        names[i] = v[i]->path;
        v[i]->path = NULL;
        source_free(v[i]);
    }
    free(v);
    double build = now() - t0;

    double *ms = malloc(n * sizeof *ms);
    if (!ms)
        return 2;
    size_t k = 0;
    double t1 = now();
    for (size_t i = 0; i < n; i += all ? 1 : n / SAMPLES + 1) {
        double s = now();
        for (size_t q = 0; q < quotes[i]; q++) {
            xref_source *src;
            size_t m;
            if (corpus_sources(c, names[i], q, &src, &m) != 0)
                return 1;
            xref_sources_free(src, m);
        }
        ms[k++] = (now() - s) * 1e3;
    }
    double lookups = now() - t1;
    qsort(ms, k, sizeof *ms, cmp_double);
    long hwm = peak_rss_kb();
    printf("%zu %.3f %.0f %.4f %.4f %ld %zu %.3f\n", n, build, (double)n / build, ms[k / 2],
           ms[(k * 99 + 99) / 100 - 1], hwm, bytes, lookups);
    free(ms);
    corpus_free(c);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(quotes);
    return 0;
}
