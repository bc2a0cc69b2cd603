/*
 * fuzz_analysis.c: libFuzzer target for quote finding and attribution on
 * arbitrary bytes. Checks the invariants every consumer relies on: quotes
 * in order, ranges inside the text, mentions and diagnostics in range. Then
 * edits the text (its first bytes say where and what) and checks the same
 * of the analysis spliced from the old one (splice.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "splice.h"

static void check(const analysis *a, size_t size)
{
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
}

/* Replaces [at, at + cut) of text by `ins` bytes taken from its end. */
static void check_splice(analysis *a, const char *text, size_t size, const uint8_t *spec)
{
    size_t at = ((size_t)spec[0] << 8 | spec[1]) % (size + 1);
    size_t cut = spec[2] % 8 < size - at ? spec[2] % 8 : size - at;
    size_t ins = spec[3] % 16 < size ? spec[3] % 16 : size;
    char *edited = malloc(size - cut + ins + 1);
    if (!edited)
        return;
    memcpy(edited, text, at);
    memcpy(edited + at, text + size - ins, ins);
    memcpy(edited + at + ins, text + at + cut, size - at - cut);
    size_t len = size - cut + ins;
    splice sp;
    if (splice_analysis(a, text, size, edited, len, at, size - at - cut, &sp) == 0) {
        check(a, len);
        if (sp.q_first > sp.q_old_end || sp.q_first > sp.q_new_end || sp.q_new_end > a->n_quotes ||
            sp.from > sp.new_to || sp.new_to > len)
            abort();
    }
    free(edited);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    analysis *a;
    if (analysis_run((const char *)data, size, &a) != 0)
        return 0;
    check(a, size);
    if (size >= 4)
        check_splice(a, (const char *)data, size, data);
    analysis_free(a);
    return 0;
}
