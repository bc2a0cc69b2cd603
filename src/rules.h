/*
 * rules.h: the rules that name a quote's speaker, as one ordered table (a
 * sieve, as CoreNLP's quote attribution is built). The driver (attrib.c)
 * tries the rules that apply to a quote's kind in order; the first that
 * names someone wins, and the quote records its name, so every answer can
 * say which rule gave it.
 */
#ifndef QL_RULES_H
#define QL_RULES_H

#include "cue.h"

/* The kinds of quote a rule applies to. */
#define RULE_FULL (1u << QUOTE_FULL)
#define RULE_PARTIAL (1u << QUOTE_PARTIAL)

typedef struct rule {
    const char *name;  /* "cue-after": what --json's `rule` says */
    unsigned kinds;    /* RULE_FULL, RULE_PARTIAL */
    float confidence;  /* of a speaker it names */
    /* Fills f->who for the quote at token qt, or leaves it NULL. Returns 0
     * or -ENOMEM. */
    int (*find)(reading *at, size_t qt, found *f);
    const char *says;  /* the rule in words, for the hover */
} rule;

extern const rule rules[];
extern const size_t rules_count;

/* The rule called `name` in words, or NULL when no rule of this table
 * has that name (a mention's rule, or none). */
const char *rule_says(const char *name);

#endif
