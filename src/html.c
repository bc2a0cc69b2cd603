/*
 * html.c: stripping markup from saved articles. A small state machine over
 * the bytes, not a parser: articles only need their paragraphs back, and
 * malformed pages must still give text rather than an error.
 */
#include "html.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static bool tag_is(const char *tag, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n >= k && strncasecmp(tag, name, k) == 0 &&
           (n == k || tag[k] == ' ' || tag[k] == '>' || tag[k] == '/' || tag[k] == '\t' || tag[k] == '\n');
}

/* Tags that end a paragraph of text. */
static bool block_tag(const char *tag, size_t n)
{
    static const char *const names[] = {"p", "/p", "br", "div", "/div", "h1", "h2", "h3", "h4",
                                        "/h1", "/h2", "/h3", "/h4", "li", "/li", "blockquote",
                                        "/blockquote", "tr", "/tr", "section", "article"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (tag_is(tag, n, names[i]))
            return true;
    return false;
}

/* Appends the character of an entity at s ("&amp;" ...); returns its length or 0. */
static size_t entity(const char *s, size_t n, char *out, size_t *k)
{
    static const struct { const char *name; int32_t c; } named[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
        {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"laquo", 0xAB}, {"raquo", 0xBB},
    };
    const char *semi = memchr(s, ';', n < 12 ? n : 12);
    if (!semi || semi == s + 1)
        return 0;
    size_t len = (size_t)(semi - s) - 1;
    int32_t c = -1;
    if (s[1] == '#') {
        c = (int32_t)(s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, NULL, 16) : strtol(s + 2, NULL, 10));
    } else {
        for (size_t i = 0; i < sizeof named / sizeof *named; i++)
            if (strlen(named[i].name) == len && strncmp(s + 1, named[i].name, len) == 0)
                c = named[i].c;
    }
    if (c <= 0 || !utf8proc_codepoint_valid(c))
        return 0;
    *k += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + *k);
    return len + 2;
}

char *html_to_text(const char *html, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1); /* text never outgrows its markup */
    if (!out)
        return NULL;
    size_t k = 0;
    const char *skip_until = NULL; /* inside <script> or <style> */
    for (size_t i = 0; i < len;) {
        if (html[i] == '<') {
            const char *close = memchr(html + i, '>', len - i);
            size_t n = close ? (size_t)(close - html) - i - 1 : len - i - 1;
            const char *tag = html + i + 1;
            if (skip_until) {
                if (tag_is(tag, n, skip_until))
                    skip_until = NULL;
            } else if (tag_is(tag, n, "script") || tag_is(tag, n, "style")) {
                skip_until = tag_is(tag, n, "script") ? "/script" : "/style";
            } else if (block_tag(tag, n) && k > 0 && out[k - 1] != '\n') {
                out[k++] = '\n';
                out[k++] = '\n';
            }
            i += n + 2;
            continue;
        }
        if (skip_until) {
            i++;
            continue;
        }
        size_t used = html[i] == '&' ? entity(html + i, len - i, out, &k) : 0;
        if (used) {
            i += used;
        } else if (html[i] == '\n' || html[i] == '\r' || html[i] == '\t') {
            if (k > 0 && out[k - 1] != ' ' && out[k - 1] != '\n')
                out[k++] = ' ';
            i++;
        } else {
            out[k++] = html[i++];
        }
    }
    out[k] = '\0';
    *out_len = k;
    return out;
}
