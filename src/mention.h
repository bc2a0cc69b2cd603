/*
 * mention.h: which quotations are mentions rather than speech. A mention is
 * quoted words that nobody is reported as saying: the title of a work or a
 * show, a nickname or a term held up for view, a scare quote. The pass runs
 * after attribution, so it knows whether a cue gave a quote its speaker.
 */
#ifndef QL_MENTION_H
#define QL_MENTION_H

#include <stddef.h>

#include "analysis.h"

/* Makes each quote of a that a rule of mention.c's table recognises a
 * QUOTE_MENTION with that rule's name, drops its speaker and its
 * "unattributed" diagnostic. Returns 0 (it allocates nothing). */
int mention_classify(const char *text, size_t len, analysis *a);

#endif
