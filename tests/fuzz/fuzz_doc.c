/*
 * fuzz_doc.c: libFuzzer target for the buffer copy. The input is read as a
 * sequence of edits (first line, last line, new lines); each is applied to
 * the copy and to a plain model, an array of strings, and the joined texts
 * must agree after every edit. Edits the copy refuses (-ERANGE) must be
 * exactly those out of range for the model.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

#define MAX_LINES 64

typedef struct model {
    char *line[MAX_LINES * 4];
    size_t len[MAX_LINES * 4];
    size_t n;
} model;

static void model_apply(model *m, size_t a, size_t b, char **text, size_t *len, size_t n)
{
    for (size_t i = a; i < b; i++)
        free(m->line[i]);
    memmove(m->line + a + n, m->line + b, (m->n - b) * sizeof *m->line);
    memmove(m->len + a + n, m->len + b, (m->n - b) * sizeof *m->len);
    for (size_t i = 0; i < n; i++) {
        m->line[a + i] = text[i];
        m->len[a + i] = len[i];
    }
    m->n = m->n - (b - a) + n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    doc *d = doc_new();
    model m = {0};
    size_t i = 0;
    while (d && i + 3 <= size) {
        int64_t first = data[i] % (MAX_LINES + 2), last = (int8_t)data[i + 1] % (MAX_LINES + 2);
        size_t n = data[i + 2] % 5;
        i += 3;
        char *text[5];
        const char *raw[5];
        size_t len[5];
        for (size_t k = 0; k < n; k++) {
            size_t l = i < size ? data[i++] % 8 : 0;
            l = l < size - i ? l : size - i;
            raw[k] = (const char *)data + i;
            text[k] = malloc(l + 1);
            memcpy(text[k], data + i, l);
            for (size_t b = 0; b < l; b++) /* as the copy reads Neovim's NUL-as-newline */
                if (text[k][b] == '\n')
                    text[k][b] = '\0';
            text[k][l] = '\0';
            len[k] = l;
            i += l;
        }
        int64_t real_last = last < 0 ? (int64_t)m.n : last;
        bool in_range = first <= real_last && (size_t)real_last <= m.n;
        if (in_range && m.n - (size_t)(real_last - first) + n > MAX_LINES * 4) {
            for (size_t k = 0; k < n; k++)
                free(text[k]); /* the model is full: skip */
            continue;
        }
        int rc = doc_apply(d, first, last, raw, len, n);
        if (rc != (in_range ? 0 : -ERANGE))
            abort();
        if (rc == 0) {
            model_apply(&m, (size_t)first, (size_t)real_last, text, len, n);
        } else {
            for (size_t k = 0; k < n; k++)
                free(text[k]);
        }
        size_t tl;
        const char *t = doc_text(d, &tl);
        size_t want = 0;
        for (size_t k = 0; k < m.n; k++)
            want += m.len[k] + (k + 1 < m.n);
        if (!t || tl != want || doc_line_count(d) != m.n)
            abort();
        size_t at = 0;
        for (size_t k = 0; k < m.n; k++) {
            if (memcmp(t + at, m.line[k], m.len[k]) != 0)
                abort();
            at += m.len[k];
            if (k + 1 < m.n && t[at++] != '\n')
                abort();
        }
    }
    for (size_t k = 0; k < m.n; k++)
        free(m.line[k]);
    doc_free(d);
    return 0;
}
