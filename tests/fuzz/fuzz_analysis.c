/*
 * fuzz_analysis.c: libFuzzer target for quote finding and attribution on
 * arbitrary bytes. Checks the invariants every consumer relies on: quotes
 * in order, ranges inside the text, mentions and diagnostics in range.
 */
#include <stdint.h>
#include <stdlib.h>

#include "analysis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    analysis *a;
    if (analysis_run((const char *)data, size, &a) != 0)
        return 0;
    size_t prev_close = 0;
    for (size_t i = 0; i < a->n_quotes; i++) {
        const quote *q = &a->quotes[i];
        if (q->open >= q->start || q->start > q->end || q->end > q->close || q->close > size ||
            q->open < prev_close || q->mention_start > q->mention_end || q->mention_end > size ||
            q->confidence < 0 || q->confidence > 1)
            abort();
        prev_close = q->close;
    }
    for (size_t i = 0; i < a->n_diags; i++)
        if (a->diags[i].start > a->diags[i].end || a->diags[i].end > size || !a->diags[i].message)
            abort();
    analysis_free(a);
    return 0;
}
