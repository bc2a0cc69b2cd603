/*
 * cli.c: `quotelens scan`. Reads every file and corpus folder first,
 * analyses each document, unifies speaker names across the whole run, puts
 * every document into one corpus, then, for each file scanned, prints its
 * quotes with their other sources and the copy editor's diagnostics in text
 * order: quickfix-style lines, or one JSON object per quote (the fields
 * ../shared/eval/score.py reads, plus position, speaker and diagnostics).
 * A file that cannot be read, or is binary, is reported on stderr and the
 * rest are still scanned. "-" is standard input; a FILE that is a web page
 * is read as its text, as a corpus file is. Printing stops once standard
 * output has failed (main.c reports it).
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "array.h"
#include "corpus.h"
#include "fileid.h"
#include "folder.h"
#include "names.h"
#include "source.h"
#include "text.h"
#include "xref.h"

/* The name standard input has in the output, as compilers name it. */
#define CLI_STDIN_NAME "<stdin>"

/* Reals (confidence, similarity) to three significant digits: 0.95, not
 * the float's 0.94999998807907104. */
#define CLI_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(3))

typedef struct scan_opts {
    bool json, strict, check;
    char **files, **folders;
    int n_files, n_folders;
} scan_opts;

/* One document of the run; only those given as files are printed. */
typedef struct scanned {
    source *src;
    analysis *a;
    text_lines *lines;
    bool printed;
    xref_source **sources; /* per quote */
    size_t *n_sources;
} scanned;

typedef struct run {
    scanned *docs;
    size_t n, cap;
    fileid_set seen;  /* the files read so far, however they were named */
    names *reg;
    corpus *corpus;
} run;

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

/* Writes a file name (path) or a message so that it stays on one line and
 * can be read back: a newline, CR and tab as \n \r \t, other control
 * bytes as \xNN; in a path also each byte of invalid UTF-8 as \xNN and a
 * backslash as \\, so the name's exact bytes are recoverable. Other
 * names print unchanged. */
static void put_escaped(const char *s, bool path)
{
    size_t n = strlen(s);
    for (size_t i = 0, m; i < n; i += m) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp = text_decode(s, n, i, &m);
        bool invalid = cp == 0xFFFD && m == 1 && c >= 0x80;
        if (c == '\n' || c == '\r' || c == '\t')
            printf("\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else if (c < 0x20 || c == 0x7F || (path && invalid))
            printf("\\x%02x", c);
        else if (path && c == '\\')
            fputs("\\\\", stdout);
        else
            fwrite(s + i, 1, m, stdout);
    }
}

static void print_text_quote(const run *r, const scanned *s, size_t qi)
{
    const quote *q = &s->a->quotes[qi];
    char ex[160];
    size_t line, col;
    excerpt(s->src->text, q, ex, sizeof ex);
    locate(s, q->start, &line, &col);
    const char *who = names_canonical(r->reg, q->speaker);
    put_escaped(s->src->path, true);
    if (q->kind == QUOTE_MENTION) { /* nobody's words: the rule, not a speaker */
        printf(":%zu:%zu: %s: \xe2\x80\x9c%s\xe2\x80\x9d\n", line, col, q->rule, ex);
        return;
    }
    printf(":%zu:%zu: %s", line, col, who ? who : "unattributed");
    if (q->cue)
        printf(" (%s)", q->cue);
    printf(": %s\xe2\x80\x9c%s\xe2\x80\x9d", q->kind == QUOTE_PARTIAL ? "partial " : "", ex);
    if (s->n_sources[qi])
        printf(" [%zu source%s]", s->n_sources[qi], s->n_sources[qi] == 1 ? "" : "s");
    putchar('\n');
}

static void print_text_diag(const scanned *s, const diag *d)
{
    size_t line, col;
    locate(s, d->start, &line, &col);
    static const char *const sev[] = {"", "error", "warning", "info", "hint"};
    put_escaped(s->src->path, true);
    printf(":%zu:%zu: %s: ", line, col, sev[d->severity]);
    put_escaped(d->message, false);
    putchar('\n');
}

static void print_text(const run *r, const scanned *s)
{
    const analysis *a = s->a;
    size_t qi = 0, di = 0;
    while (qi < a->n_quotes || di < a->n_diags) {
        if (di < a->n_diags && (qi == a->n_quotes || a->diags[di].start < a->quotes[qi].start))
            print_text_diag(s, &a->diags[di++]);
        else
            print_text_quote(r, s, qi++);
    }
}

/* A JSON string of text[0..n), with invalid UTF-8 replaced so that the
 * line stays valid JSON. */
static json_t *json_text(const char *text, size_t n)
{
    if (text_invalid_utf8(text, n, 0) == n)
        return json_stringn(text, n);
    char *clean = malloc(3 * n + 1);
    if (!clean)
        return NULL;
    size_t k = 0;
    for (size_t i = 0, m; i < n; i += m) {
        int32_t c = text_decode(text, n, i, &m);
        if (c == 0xFFFD && m == 1) {
            memcpy(clean + k, "\xef\xbf\xbd", 3);
            k += 3;
        } else {
            memcpy(clean + k, text + i, m);
            k += m;
        }
    }
    json_t *j = json_stringn(clean, k);
    free(clean);
    return j;
}

/* Adds "file_bytes" to obj when `file` could not hold a file name exactly
 * (invalid UTF-8 became U+FFFD): the name's bytes in hexadecimal. */
static int add_file_bytes(json_t *obj, const char *path)
{
    size_t n = strlen(path);
    if (!obj || text_invalid_utf8(path, n, 0) == n)
        return obj ? 0 : -ENOMEM;
    char *hex = malloc(2 * n + 1);
    if (!hex)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned char)path[i]);
    int rc = json_object_set_new(obj, "file_bytes", json_string(hex)) == 0 ? 0 : -ENOMEM;
    free(hex);
    return rc;
}

static json_t *json_diag(const scanned *s, const diag *d)
{
    size_t line, col;
    locate(s, d->start, &line, &col);
    return json_pack("{s:I, s:I, s:I, s:I, s:i, s:s, s:o}", "start", (json_int_t)d->start,
                     "end", (json_int_t)d->end, "line", (json_int_t)line, "col", (json_int_t)col,
                     "severity", (int)d->severity, "code", d->code, "message",
                     json_text(d->message, strlen(d->message)));
}

static json_t *json_source(const run *r, const char *text, const xref_source *x)
{
    static const char *const ops[] = {"=", "-", "+", "~"};
    size_t other_len;
    const char *other = corpus_text(r->corpus, x->doc, &other_len);
    json_t *diff = json_array(), *classes = json_array();
    const char *names[8];
    for (size_t i = 0; i < xref_class_names(x->classes, names, 8); i++)
        json_array_append_new(classes, json_string(names[i]));
    for (size_t i = 0; i < x->n_ops && diff; i++) {
        const diff_op *op = &x->ops[i];
        json_array_append_new(
            diff, json_pack("{s:s, s:o, s:o}", "op", ops[op->op], "a",
                            json_text(text + op->a_start, op->a_end - op->a_start), "b",
                            json_text(other + op->b_start, op->b_end - op->b_start)));
    }
    const char *who = names_canonical(r->reg, x->speaker);
    json_t *obj = json_pack("{s:o, s:I, s:I, s:I, s:I, s:o, s:f, s:s, s:o, s:o}", "file",
                     json_text(x->doc, strlen(x->doc)), "start", (json_int_t)x->start, "end",
                     (json_int_t)x->end, "line", (json_int_t)x->line, "col", (json_int_t)x->col,
                     "speaker", who ? json_string(who) : json_null(), "similarity",
                     (double)x->similarity, "relation", match_relation_name(x->relation), "diff",
                     diff, "class", classes);
    if (add_file_bytes(obj, x->doc) != 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *json_quote(const run *r, const scanned *s, size_t qi)
{
    const quote *q = &s->a->quotes[qi];
    size_t line, col, eline, ecol;
    locate(s, q->start, &line, &col);
    locate(s, q->end, &eline, &ecol);
    const char *who = names_canonical(r->reg, q->speaker);
    json_t *mention = q->mention_end > q->mention_start
        ? json_pack("{s:I, s:I}", "start", (json_int_t)q->mention_start, "end",
                    (json_int_t)q->mention_end)
        : json_null();
    json_t *sources = json_array();
    for (size_t i = 0; i < s->n_sources[qi] && sources; i++)
        json_array_append_new(sources, json_source(r, s->src->text, &s->sources[qi][i]));
    json_t *obj = json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:f, s:o, s:o, s:[]}",
                     "file", json_text(s->src->path, strlen(s->src->path)), "start",
                     (json_int_t)q->start, "end", (json_int_t)q->end, "line", (json_int_t)line,
                     "col", (json_int_t)col, "end_line", (json_int_t)eline, "end_col",
                     (json_int_t)ecol, "kind", quote_kind_name(q->kind),
                     "text", json_text(s->src->text + q->start, q->end - q->start), "speaker",
                     who ? json_string(who) : json_null(), "speaker_mention", mention, "cue",
                     q->cue ? json_string(q->cue) : json_null(), "confidence",
                     (double)q->confidence, "rule", q->rule ? json_string(q->rule) : json_null(),
                     "sources", sources, "diagnostics");
    if (add_file_bytes(obj, s->src->path) != 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* Which quote a diagnostic belongs to in JSON output: the one containing it,
 * else the nearest, since every JSON line must be a quote. */
static size_t owner_of(const analysis *a, const diag *d)
{
    /* The quotes are in text order, apart: the nearest is the last one
     * opening at or before the diagnostic, or the next (a bisection, not a
     * walk over every quote per diagnostic). */
    size_t lo = 0, hi = a->n_quotes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->quotes[mid].open <= d->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t best = 0, best_dist = (size_t)-1;
    for (size_t i = lo > 1 ? lo - 2 : 0; i < a->n_quotes && i <= lo; i++) {
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

/* The diagnostics each quote carries in JSON output: those of quote q are
 * idx[first[q] .. first[q + 1]), in the analysis's order (a counting sort
 * by owner_of). */
typedef struct diag_groups {
    size_t *first, *idx;
} diag_groups;

static int group_diags(const analysis *a, diag_groups *g)
{
    size_t nq = a->n_quotes, nd = a->n_diags;
    size_t *owner = malloc((nd ? nd : 1) * sizeof *owner);
    size_t *next = calloc(nq + 1, sizeof *next);
    g->first = calloc(nq + 1, sizeof *g->first);
    g->idx = malloc((nd ? nd : 1) * sizeof *g->idx);
    int rc = owner && next && g->first && g->idx ? 0 : -ENOMEM;
    for (size_t d = 0; d < nd && rc == 0; d++) {
        owner[d] = owner_of(a, &a->diags[d]);
        g->first[owner[d] + 1]++;
    }
    for (size_t q = 0; q < nq && rc == 0; q++)
        next[q + 1] = g->first[q + 1] += g->first[q];
    for (size_t d = 0; d < nd && rc == 0; d++)
        g->idx[next[owner[d]]++] = d;
    free(owner);
    free(next);
    return rc;
}

/* One quote's JSON line, with its diagnostics. */
static int print_json_quote(const run *r, const scanned *s, const diag_groups *g, size_t qi)
{
    json_t *obj = json_quote(r, s, qi), *diags = json_object_get(obj, "diagnostics");
    int rc = obj && diags ? 0 : -ENOMEM;
    for (size_t k = g->first[qi]; k < g->first[qi + 1] && rc == 0; k++) {
        json_t *d = json_diag(s, &s->a->diags[g->idx[k]]);
        if (!d || json_array_append_new(diags, d) != 0)
            rc = -ENOMEM;
    }
    char *line = rc == 0 ? json_dumps(obj, CLI_JSON_FLAGS) : NULL;
    if (rc == 0 && !line)
        rc = -ENOMEM;
    if (line)
        puts(line);
    free(line);
    json_decref(obj);
    return rc;
}

/* Writes each quote's line as it is made, so the memory JSON takes is
 * one quote's, not the document's tree. A diagnostic outside every quote
 * rides on the nearest; a document with no quote has no line for it. */
static int print_json(const run *r, const scanned *s)
{
    const analysis *a = s->a;
    if (a->n_quotes == 0)
        return 0;
    diag_groups g = {0};
    int rc = group_diags(a, &g);
    for (size_t i = 0; i < a->n_quotes && rc == 0 && !ferror(stdout); i++)
        rc = print_json_quote(r, s, &g, i);
    free(g.first);
    free(g.idx);
    return rc;
}

static void scanned_free(scanned *s)
{
    for (size_t i = 0; s->sources && s->a && i < s->a->n_quotes; i++)
        xref_sources_free(s->sources[i], s->n_sources[i]);
    free(s->sources);
    free(s->n_sources);
    analysis_free(s->a);
    text_lines_free(s->lines);
    source_free(s->src);
}

static int parse_args(int argc, char **argv, scan_opts *o)
{
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->folders = calloc((size_t)argc + 1, sizeof *o->folders);
    if (!o->files || !o->folders)
        return -ENOMEM;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            o->json = true;
        } else if (strcmp(argv[i], "--strict") == 0) {
            o->strict = true;
        } else if (strcmp(argv[i], "--check") == 0) {
            o->check = true;
        } else if (strcmp(argv[i], "--corpus") == 0) {
            if (++i == argc) {
                fputs("quotelens scan: --corpus needs a folder\n", stderr);
                return -EINVAL;
            }
            o->folders[o->n_folders++] = argv[i];
        } else if (strcmp(argv[i], "--") == 0) {
            while (++i < argc)
                o->files[o->n_files++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "quotelens scan: unknown option %s\n", argv[i]);
            return -EINVAL;
        } else {
            o->files[o->n_files++] = argv[i];
        }
    }
    if (o->n_files == 0) {
        fputs("quotelens scan: no files given "
              "(usage: quotelens scan [--json] [--strict] [--check] [--corpus DIR]... [--] FILE...;\n"
              " quotelens scan --help for more)\n", stderr);
        return -EINVAL;
    }
    return 0;
}

/* Analyses a loaded source and adds it to the run. Takes the source. A
 * file already read under any name (a FILE that is also in a corpus
 * folder, `./d` beside `d`, a symbolic link) is one document, read once,
 * so an article is never its own source. */
static int add_doc(run *r, source *src, bool printed)
{
    int fresh = fileid_add(&r->seen, src->dev, src->ino);
    if (fresh <= 0) {
        source_free(src);
        return fresh;
    }
    if (array_grow((void **)&r->docs, &r->cap, r->n + 1, sizeof *r->docs)) {
        source_free(src);
        return -ENOMEM;
    }
    scanned s = {.src = src, .printed = printed};
    if (analysis_run(src->text, src->len, &s.a) != 0 ||
        !(s.lines = text_lines_new(src->text, src->len)) ||
        !(s.sources = calloc(s.a->n_quotes + 1, sizeof *s.sources)) ||
        !(s.n_sources = calloc(s.a->n_quotes + 1, sizeof *s.n_sources))) {
        scanned_free(&s);
        return -ENOMEM;
    }
    int rc = 0;
    for (size_t q = 0; q < s.a->n_quotes && rc == 0; q++)
        rc = names_add(r->reg, s.a->quotes[q].speaker);
    r->docs[r->n++] = s;
    return rc;
}

/* Reads one FILE argument: "-" is standard input; a web page is read as
 * its text, as in a corpus folder. */
static int load_file(const char *path, source **out)
{
    if (strcmp(path, "-") == 0)
        return source_load_fd(0, CLI_STDIN_NAME, out);
    return folder_read(path, out);
}

/* Reads the FILEs, then the corpus folders. A FILE or a folder that cannot
 * be read counts in *failed: a check run without the corpus it was given
 * must not pass. */
static int load(run *r, const scan_opts *o, int *failed)
{
    int rc = 0;
    for (int i = 0; i < o->n_files && rc == 0; i++) {
        source *src;
        int err = load_file(o->files[i], &src);
        if (err == -ENOMEM)
            return err;
        if (err)
            (*failed)++;
        else
            rc = add_doc(r, src, true);
    }
    for (int i = 0; i < o->n_folders && rc == 0; i++) {
        source **v = NULL;
        size_t n = 0, cap = 0;
        int err = folder_load(o->folders[i], &v, &n, &cap);
        for (size_t k = 0; k < n; k++)
            if (rc == 0)
                rc = add_doc(r, v[k], false);
            else
                source_free(v[k]);
        free(v);
        if (err == -ENOMEM)
            rc = err;
        else if (err)
            (*failed)++;
    }
    return rc;
}

static int cross_reference(run *r, bool strict)
{
    int rc = 0;
    for (size_t i = 0; i < r->n && rc == 0; i++)
        rc = corpus_put(r->corpus, r->docs[i].src->path, r->docs[i].src->text, r->docs[i].src->len,
                        r->docs[i].a);
    for (size_t i = 0; i < r->n && rc == 0; i++) {
        scanned *s = &r->docs[i];
        if (!s->printed)
            continue;
        for (size_t q = 0; q < s->a->n_quotes && rc == 0; q++) {
            rc = corpus_sources(r->corpus, s->src->path, q, &s->sources[q], &s->n_sources[q]);
            if (rc == 0)
                rc = xref_diagnose(s->a, &s->a->quotes[q], s->src->text, r->corpus, r->reg,
                                   s->sources[q], s->n_sources[q], strict);
        }
        analysis_sort_diags(s->a);
    }
    return rc;
}

int cli_scan(int argc, char **argv)
{
    scan_opts o = {0};
    if (parse_args(argc, argv, &o) != 0) {
        free(o.files);
        free(o.folders);
        return 2;
    }
    run r = {.reg = names_new(), .corpus = corpus_new()};
    int failed = 0, rc = r.reg && r.corpus ? load(&r, &o, &failed) : -ENOMEM;
    if (rc == 0)
        rc = names_index(r.reg);
    if (rc == 0)
        rc = cross_reference(&r, o.strict);
    size_t printed = 0, warned = 0;
    for (size_t i = 0; i < r.n && rc == 0; i++) {
        if (!r.docs[i].printed)
            continue;
        printed++;
        for (size_t d = 0; d < r.docs[i].a->n_diags; d++)
            warned += r.docs[i].a->diags[d].severity <= DIAG_WARN;
        if (o.json)
            rc = print_json(&r, &r.docs[i]);
        else
            print_text(&r, &r.docs[i]);
        if (ferror(stdout))
            break; /* the output is lost: main says so */
    }
    for (size_t i = 0; i < r.n; i++)
        scanned_free(&r.docs[i]);
    free(r.docs);
    fileid_set_free(&r.seen);
    corpus_free(r.corpus);
    names_free(r.reg);
    free(o.files);
    free(o.folders);
    if (rc != 0) {
        fprintf(stderr, "quotelens scan: %s\n", strerror(-rc));
        return 2;
    }
    if (printed == 0)
        return 2;
    return failed ? 1 : o.check && warned ? 3 : 0;
}
