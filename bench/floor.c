/*
 * floor.c: the floor for scan throughput: one pass that finds every quote
 * mark and hashes every word 5-gram with xxhash, which any quote finder
 * with cross-references must at least do. Prints MB/s of the best of runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xxhash.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *t = malloc((size_t)n);
    if (!t || fread(t, 1, (size_t)n, f) != (size_t)n)
        return 2;
    fclose(f);
    double t0 = now();
    uint64_t marks = 0, grams = 0, h[5] = {0}, acc = 0;
    size_t ws = 0;
    int in_word = 0, k = 0;
    for (long i = 0; i <= n; i++) {
        unsigned c = i < n ? t[i] : ' ';
        marks += c == '"' || (c == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && (t[i + 2] & 0xF0) == 0x90);
        int letter = (c | 0x20) - 'a' < 26u || c >= 0x80 || c - '0' < 10u;
        if (letter && !in_word)
            ws = (size_t)i;
        if (!letter && in_word) {
            h[k++ % 5] = XXH3_64bits(t + ws, (size_t)i - ws);
            if (k >= 5) {
                acc ^= XXH3_64bits(h, sizeof h);
                grams++;
            }
        }
        in_word = letter;
    }
    double dt = now() - t0;
    printf("%.1f %llu %llu %llx\n", (double)n / 1e6 / dt, (unsigned long long)marks,
           (unsigned long long)grams, (unsigned long long)acc);
    free(t);
    return 0;
}
