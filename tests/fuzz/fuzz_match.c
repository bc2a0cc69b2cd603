/*
 * fuzz_match.c: libFuzzer target for folding, alignment and the corpus.
 * The input is split in three documents; each is analysed and put in one
 * corpus, and every quote's sources are looked up. Every diff operation
 * must lie inside both texts and similarity must be in 0..1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[3] = {"a", "b", "c"};
    corpus *c = corpus_new();
    analysis *an[3] = {0};
    size_t cut1 = size / 3, cut2 = 2 * size / 3, from[3] = {0, cut1, cut2}, to[3] = {cut1, cut2, size};
    for (int d = 0; c && d < 3; d++) {
        if (analysis_run((const char *)data + from[d], to[d] - from[d], &an[d]) == 0)
            corpus_put(c, names[d], (const char *)data + from[d], to[d] - from[d], an[d]);
    }
    for (int d = 0; c && d < 3; d++) {
        for (size_t q = 0; an[d] && q < an[d]->n_quotes; q++) {
            xref_source *s;
            size_t n;
            if (corpus_sources(c, names[d], q, &s, &n) != 0)
                continue;
            for (size_t i = 0; i < n; i++) {
                size_t other_len;
                corpus_text(c, s[i].doc, &other_len);
                if (s[i].similarity < 0 || s[i].similarity > 1.0001f || s[i].end > other_len)
                    abort();
                for (size_t k = 0; k < s[i].n_ops; k++)
                    if (s[i].ops[k].a_end > to[d] - from[d] || s[i].ops[k].b_end > other_len ||
                        s[i].ops[k].a_start > s[i].ops[k].a_end || s[i].ops[k].b_start > s[i].ops[k].b_end)
                        abort();
            }
            xref_sources_free(s, n);
        }
    }
    for (int d = 0; d < 3; d++)
        analysis_free(an[d]);
    corpus_free(c);
    return 0;
}
