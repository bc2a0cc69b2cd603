/*
 * lookup.c: corpus scale, timed inside one process so that the look-up of
 * one article is not lost in the noise of reading the corpus: loads every
 * article under a folder, analyses and indexes it (articles/s), then
 * cross-references all quotes of sample articles spread through the corpus,
 * one article at a time. Prints one line:
 *   articles build_s articles_per_s lookup_median_ms lookup_p99_ms rss_kb
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: lookup DIR\n", stderr);
        return 2;
    }
    source **v = NULL;
    size_t n = 0, cap = 0;
    corpus *c = corpus_new();
    if (!c || folder_load(argv[1], &v, &n, &cap) != 0 || n == 0)
        return 2;
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
        analysis_free(a);
        names[i] = v[i]->path;
        v[i]->path = NULL;
        source_free(v[i]);
    }
    free(v);
    double build = now() - t0;

    double ms[SAMPLES];
    size_t k = 0;
    for (size_t i = 0; i < n && k < SAMPLES; i += n / SAMPLES + 1) {
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
    qsort(ms, k, sizeof *ms, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu %.3f %.0f %.4f %.4f %ld\n", n, build, (double)n / build, ms[k / 2],
           ms[(k * 99 + 99) / 100 - 1], ru.ru_maxrss);
    corpus_free(c);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(quotes);
    return 0;
}
