/*
 * lsp_uri.c: see lsp_uri.h. Escapes follow RFC 3986 as VS Code writes file
 * URIs: every byte but the unreserved ones and '/' is %XX.
 */
#include "lsp_uri.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* Whether a name is a URI with a scheme (letters, then ':'), not a path. */
static bool has_scheme(const char *s)
{
    size_t i = 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')))
        i++;
    return i > 1 && s[i] == ':'; /* one letter is a drive, C:\ */
}

char *lsp_uri_to_name(const char *uri)
{
    if (strncasecmp(uri, "file://", 7) != 0)
        return strdup(uri);
    const char *p = uri + 7;
    if (strncasecmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL; /* file://host/...: not on this machine */
    char *out = malloc(strlen(p) + 1), *o = out;
    for (; out && *p; p++) {
        if (*p != '%') {
            *o++ = *p;
            continue;
        }
        int hi = hex(p[1]), lo = hi >= 0 ? hex(p[2]) : -1;
        if (lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        *o++ = (char)(hi << 4 | lo);
        p += 2;
    }
    if (out)
        *o = '\0';
    return out;
}

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

char *lsp_uri_from_name(const char *name)
{
    if (has_scheme(name))
        return strdup(name);
    char cwd[4096] = "";
    if (name[0] != '/' && !getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    size_t n = strlen(cwd) + 1 + strlen(name);
    char *out = malloc(sizeof "file://" + 3 * n), *o = out;
    if (!out)
        return NULL;
    o += sprintf(o, "file://");
    for (int part = cwd[0] ? 0 : 1; part < 2; part++) {
        const unsigned char *s = (const unsigned char *)(part == 0 ? cwd : name);
        for (; *s; s++)
            o += unreserved(*s) ? sprintf(o, "%c", *s) : sprintf(o, "%%%02X", *s);
        if (part == 0)
            *o++ = '/';
    }
    *o = '\0';
    return out;
}
