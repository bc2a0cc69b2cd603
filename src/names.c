/*
 * names.c: the run-wide registry of speaker names, a people register (see
 * people.h) holding every proper name any document gave a speaker. Only
 * surnames are widened across documents: a first name alone is too weak a
 * link between two articles. Descriptions of anonymous sources ("a source",
 * "spokesman for the Treasury") are as specific as their article makes
 * them and are left alone.
 */
#include "names.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "people.h"

struct names {
    people *all;
    char *last; /* the name added last: speakers come in runs */
};

names *names_new(void)
{
    names *n = calloc(1, sizeof *n);
    if (n && !(n->all = people_new())) {
        free(n);
        return NULL;
    }
    return n;
}

void names_free(names *n)
{
    if (!n)
        return;
    people_free(n->all);
    free(n->last);
    free(n);
}

int names_add(names *n, const char *name)
{
    if (!name || !isupper((unsigned char)name[0]) || (n->last && strcmp(n->last, name) == 0))
        return 0;
    free(n->last);
    if (!(n->last = strdup(name)))
        return -ENOMEM;
    return people_add(n->all, name, "");
}

int names_index(names *n)
{
    return people_index(n->all);
}

const char *names_canonical(const names *n, const char *name)
{
    if (!name || !isupper((unsigned char)name[0]))
        return name;
    const char *full = people_full_name(n->all, name, false);
    return full ? full : name;
}
