/*
 * analysis.h: what quotelens knows about one text once it is analysed: its
 * quotations, who said each one, and the problems a copy editor should see.
 *
 * Every position is a byte offset into the analysed text. The analysis owns
 * all its strings; analysis_free() releases everything. Running an analysis
 * is a pure function of the text, so the CLI and the co-process share it and
 * a test can compare one against the other.
 */
#ifndef QL_ANALYSIS_H
#define QL_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

/* A mention is quoted words nobody is reported as saying: a title, a
 * nickname, a term or a scare quote (mention.h). */
typedef enum { QUOTE_FULL, QUOTE_PARTIAL, QUOTE_MENTION } quote_kind;

/* The name of a kind as the CLI and the plugin show it: "full", "partial", "mention". */
const char *quote_kind_name(quote_kind k);

typedef struct quote {
    size_t open;        /* offset of the opening mark */
    size_t start;       /* first byte after the opening mark */
    size_t end;         /* offset of the closing mark (end of run when unclosed) */
    size_t close;       /* first byte after the closing mark */
    quote_kind kind;
    char *speaker;      /* the speaker as named in this text; NULL when unknown */
    char *cue;          /* the attributing words as written ("said"); NULL for none */
    size_t mention_start, mention_end; /* the mention that attributes it; equal when none */
    float confidence;   /* 0..1, how sure the attribution is */
    const char *rule;   /* static: the rule that named the speaker (rules.h), or for a mention
                         * the rule that made it one ("mention:title"); NULL for none */
} quote;

/* Severities use vim.diagnostic's numbering so they pass through unchanged. */
typedef enum { DIAG_ERROR = 1, DIAG_WARN = 2, DIAG_INFO = 3, DIAG_HINT = 4 } diag_severity;

typedef struct diag {
    size_t start, end;
    diag_severity severity;
    const char *code;   /* static: "unbalanced-mark", "doubled-mark", ... */
    char *message;
} diag;

/* A speaker the attribution remembered for the pronouns and roles that
 * follow ("he said" three paragraphs on). */
typedef struct heard {
    size_t at;      /* where it was named */
    char *name;
    int kind;       /* attrib.c's kinds of speaker */
    unsigned gender;
    bool plural;
} heard;

struct people;

typedef struct analysis {
    quote *quotes;
    size_t n_quotes;
    diag *diags;
    size_t n_diags;
    /* What a reading carries from paragraph to paragraph, so that a part of
     * the text can be read again alone (splice.h): */
    struct people *people; /* who the text names */
    heard *heard;          /* the speakers remembered, in reading order */
    size_t n_heard;
    bool reporting;        /* the text reads as reporting, so an unattributed
                            * quote is warned of, not hinted at (attrib.c) */
} analysis;

/* Analyses text[0..len). Returns 0, or -ENOMEM with *out untouched. */
int analysis_run(const char *text, size_t len, analysis **out);
/* Analyses text[0..len), the part of a longer article that starts at
 * offset `from` of it: the reading starts with the people `whole` (an
 * analysis of the article) names and the speakers it remembered before
 * `from`. */
int analysis_run_part(const char *text, size_t len, const analysis *whole, size_t from,
                      analysis **out);
/* Whether two analyses find the same quotes, speakers and diagnostics. */
bool analysis_equal(const analysis *x, const analysis *y);
void analysis_free(analysis *a);

/* Appends a diagnostic; the message is copied. Returns 0 or -ENOMEM. */
int analysis_add_diag(analysis *a, size_t start, size_t end, diag_severity sev,
                      const char *code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Puts the diagnostics in text order after several passes added them. */
void analysis_sort_diags(analysis *a);

#endif
