/*
 * cli.c: `quotelens scan`. Reads every file first, analyses each, unifies
 * speaker names across the whole run, then prints quotes and diagnostics in
 * text order: quickfix-style lines, or one JSON object per quote (the fields
 * ../shared/eval/score.py reads, plus position, speaker and diagnostics).
 * A file that cannot be read, or is binary, is reported on stderr and the
 * rest are still scanned.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "names.h"
#include "source.h"
#include "text.h"

typedef struct scan_opts {
    bool json;
} scan_opts;

typedef struct scanned {
    source *src;
    analysis *a;
    text_lines *lines;
} scanned;

static void locate(const scanned *s, size_t off, size_t *line, size_t *col)
{
    text_lines_locate(s->lines, off, line, col);
    (*line)++;
    (*col)++;
}

/* The quote's opening words, cut at a word boundary, for one-line output. */
static void excerpt(const char *text, const quote *q, char *out, size_t cap)
{
    size_t n = q->end - q->start, k = 0, words = 0;
    const char *s = text + q->start;
    bool cut = false;
    for (size_t i = 0; i < n && k + 4 < cap; i++) {
        char c = s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i];
        if (c == ' ' && k > 0 && out[k - 1] != ' ' && ++words == 8) {
            cut = true;
            break;
        }
        if (c == ' ' && k > 0 && out[k - 1] == ' ')
            continue;
        out[k++] = c;
    }
    if (k + 4 >= cap) {
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--; /* do not cut a character in two */
        if (k > 0)
            k--;
        cut = true;
    }
    if (cut) {
        memcpy(out + k, "\xe2\x80\xa6", 3); /* … */
        k += 3;
    }
    out[k] = '\0';
}

static const char *speaker_of(const names *reg, const quote *q)
{
    return q->speaker ? names_canonical(reg, q->speaker) : NULL;
}

static void print_text_quote(const scanned *s, const names *reg, const quote *q)
{
    char ex[160];
    size_t line, col;
    excerpt(s->src->text, q, ex, sizeof ex);
    locate(s, q->start, &line, &col);
    const char *who = speaker_of(reg, q);
    printf("%s:%zu:%zu: %s", s->src->path, line, col, who ? who : "unattributed");
    if (q->cue)
        printf(" (%s)", q->cue);
    printf(": %s\xe2\x80\x9c%s\xe2\x80\x9d\n", q->kind == QUOTE_PARTIAL ? "partial " : "", ex);
}

static void print_text_diag(const scanned *s, const diag *d)
{
    size_t line, col;
    locate(s, d->start, &line, &col);
    static const char *const sev[] = {"", "error", "warning", "info", "hint"};
    printf("%s:%zu:%zu: %s: %s\n", s->src->path, line, col, sev[d->severity], d->message);
}

static void print_text(const scanned *s, const names *reg)
{
    const analysis *a = s->a;
    size_t qi = 0, di = 0;
    while (qi < a->n_quotes || di < a->n_diags) {
        if (di < a->n_diags && (qi == a->n_quotes || a->diags[di].start < a->quotes[qi].start))
            print_text_diag(s, &a->diags[di++]);
        else
            print_text_quote(s, reg, &a->quotes[qi++]);
    }
}

static json_t *json_diag(const scanned *s, const diag *d)
{
    size_t line, col;
    locate(s, d->start, &line, &col);
    return json_pack("{s:I, s:I, s:I, s:I, s:i, s:s, s:s}", "start", (json_int_t)d->start,
                     "end", (json_int_t)d->end, "line", (json_int_t)line, "col", (json_int_t)col,
                     "severity", (int)d->severity, "code", d->code, "message", d->message);
}

/* Which quote a diagnostic belongs to in JSON output: the one containing it,
 * else the nearest, since every JSON line must be a quote. */
static size_t owner_of(const analysis *a, const diag *d)
{
    size_t best = 0, best_dist = (size_t)-1;
    for (size_t i = 0; i < a->n_quotes; i++) {
        const quote *q = &a->quotes[i];
        size_t dist = d->start < q->open ? q->open - d->start
                    : d->start >= q->close ? d->start - q->close + 1 : 0;
        if (dist < best_dist) {
            best = i;
            best_dist = dist;
        }
    }
    return best;
}

static int print_json(const scanned *s, const names *reg)
{
    const analysis *a = s->a;
    json_t **objs = calloc(a->n_quotes ? a->n_quotes : 1, sizeof *objs);
    if (!objs)
        return -ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++) {
        const quote *q = &a->quotes[i];
        size_t line, col, eline, ecol;
        locate(s, q->start, &line, &col);
        locate(s, q->end, &eline, &ecol);
        const char *who = speaker_of(reg, q);
        json_t *mention = q->mention_end > q->mention_start
            ? json_pack("{s:I, s:I}", "start", (json_int_t)q->mention_start,
                        "end", (json_int_t)q->mention_end)
            : json_null();
        objs[i] = json_pack(
            "{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s%, s:o, s:o, s:o, s:f, s:[], s:[]}",
            "file", s->src->path, "start", (json_int_t)q->start, "end", (json_int_t)q->end,
            "line", (json_int_t)line, "col", (json_int_t)col,
            "end_line", (json_int_t)eline, "end_col", (json_int_t)ecol,
            "kind", q->kind == QUOTE_FULL ? "full" : "partial",
            "text", s->src->text + q->start, q->end - q->start,
            "speaker", who ? json_string(who) : json_null(),
            "speaker_mention", mention,
            "cue", q->cue ? json_string(q->cue) : json_null(),
            "confidence", (double)q->confidence, "sources", "diagnostics");
        if (!objs[i])
            rc = -ENOMEM;
    }
    for (size_t i = 0; i < a->n_diags && rc == 0 && a->n_quotes; i++) {
        json_t *d = json_diag(s, &a->diags[i]);
        if (!d || json_array_append_new(json_object_get(objs[owner_of(a, &a->diags[i])],
                                                        "diagnostics"), d) != 0)
            rc = -ENOMEM;
    }
    for (size_t i = 0; i < a->n_quotes; i++) {
        if (rc == 0) {
            char *line = json_dumps(objs[i], JSON_COMPACT);
            if (!line)
                rc = -ENOMEM;
            else
                puts(line);
            free(line);
        }
        json_decref(objs[i]);
    }
    free(objs);
    return rc;
}

static void scanned_free(scanned *s)
{
    analysis_free(s->a);
    text_lines_free(s->lines);
    source_free(s->src);
}

static int parse_args(int argc, char **argv, scan_opts *o, char ***files, int *n_files)
{
    *files = calloc((size_t)argc + 1, sizeof **files);
    if (!*files)
        return -ENOMEM;
    *n_files = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            o->json = true;
        } else if (strcmp(argv[i], "--") == 0) {
            while (++i < argc)
                (*files)[(*n_files)++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "quotelens scan: unknown option %s\n", argv[i]);
            return -EINVAL;
        } else {
            (*files)[(*n_files)++] = argv[i];
        }
    }
    if (*n_files == 0) {
        fputs("quotelens scan: no files given (usage: quotelens scan [--json] FILE...)\n", stderr);
        return -EINVAL;
    }
    return 0;
}

int cli_scan(int argc, char **argv)
{
    scan_opts o = {false};
    char **files;
    int n_files;
    if (parse_args(argc, argv, &o, &files, &n_files) != 0) {
        free(files);
        return 2;
    }
    scanned *docs = calloc((size_t)n_files, sizeof *docs);
    names *reg = names_new();
    int n_docs = 0, failed = 0, rc = 0;
    if (!docs || !reg)
        rc = -ENOMEM;
    for (int i = 0; i < n_files && rc == 0; i++) {
        scanned s = {0};
        int err = source_load(files[i], &s.src);
        if (err == -ENOMEM) {
            rc = err;
            break;
        }
        if (err != 0) {
            failed++;
            continue;
        }
        if ((err = analysis_run(s.src->text, s.src->len, &s.a)) != 0 ||
            !(s.lines = text_lines_new(s.src->text, s.src->len))) {
            scanned_free(&s);
            rc = -ENOMEM;
            break;
        }
        for (size_t q = 0; q < s.a->n_quotes && rc == 0; q++)
            rc = names_add(reg, s.a->quotes[q].speaker);
        docs[n_docs++] = s;
    }
    if (rc == 0)
        rc = names_index(reg);
    for (int i = 0; i < n_docs && rc == 0; i++) {
        if (o.json)
            rc = print_json(&docs[i], reg);
        else
            print_text(&docs[i], reg);
    }
    for (int i = 0; i < n_docs; i++)
        scanned_free(&docs[i]);
    free(docs);
    names_free(reg);
    free(files);
    if (rc != 0) {
        fprintf(stderr, "quotelens scan: %s\n", strerror(-rc));
        return 2;
    }
    return n_docs == 0 ? 2 : failed ? 1 : 0;
}
