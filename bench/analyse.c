/*
 * analyse.c: throughput of quotes and speakers alone (analysis_run, as the
 * co-process runs it on a buffer), articles analysed one by one as they
 * come in the file (separated by blank-line-separated headlines does not
 * matter: the whole file is one text). Prints MB/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analysis.h"

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)n + 1);
    if (!t || fread(t, 1, (size_t)n, f) != (size_t)n)
        return 2;
    fclose(f);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    analysis *an;
    if (analysis_run(t, (size_t)n, &an) != 0)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double dt = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.1f %zu\n", (double)n / 1e6 / dt, an->n_quotes);
    analysis_free(an);
    free(t);
    return 0;
}
