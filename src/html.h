/*
 * html.h: the readable text of an HTML page: tags, scripts and styles go,
 * block elements become paragraph breaks and entities become characters,
 * so that a saved web article reads like the plain text of its story.
 */
#ifndef QL_HTML_H
#define QL_HTML_H

#include <stddef.h>

/* Returns a new NUL-terminated text (length in *out_len), or NULL on -ENOMEM. */
char *html_to_text(const char *html, size_t len, size_t *out_len);

#endif
