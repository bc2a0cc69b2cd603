/*
 * source.c: reading an article file whole. A file is binary when its first
 * 8 KiB hold more than a few control bytes; an occasional NUL or invalid
 * byte in a text file is reported by offset and the file is kept.
 */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"

/* Warnings of one kind per file: enough to find the problem, not a flood. */
#define SOURCE_MAX_WARNINGS 3

static int fail(const char *path, int err, const char *why)
{
    fprintf(stderr, "quotelens: %s: %s\n", path, why ? why : strerror(err));
    return -err;
}

static int read_all(FILE *fp, char **text, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -ENOMEM;
    for (;;) {
        if (cap - n < 2) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return -ENOMEM;
            }
            buf = grown;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, fp);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        return -EIO;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

static int looks_binary(const char *text, size_t len)
{
    size_t n = len < 8192 ? len : 8192, ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        ctl += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    }
    return ctl > 8 && ctl * 100 > n;
}

static void warn_bytes(const source *s)
{
    int warned = 0;
    for (size_t i = 0; (i = text_invalid_utf8(s->text, s->len, i)) < s->len; i++) {
        if (warned++ == SOURCE_MAX_WARNINGS) {
            fprintf(stderr, "quotelens: %s: more invalid UTF-8 not shown\n", s->path);
            break;
        }
        fprintf(stderr, "quotelens: %s: invalid UTF-8 at byte %zu\n", s->path, i);
    }
    const char *nul = memchr(s->text, '\0', s->len);
    if (nul)
        fprintf(stderr, "quotelens: %s: NUL byte at byte %zu\n", s->path, (size_t)(nul - s->text));
}

int source_load(const char *path, source **out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(path, errno, NULL);
    if (S_ISDIR(st.st_mode))
        return fail(path, EISDIR, NULL);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return fail(path, errno, NULL);
    source *s = calloc(1, sizeof *s);
    int rc = s ? read_all(fp, &s->text, &s->len) : -ENOMEM;
    fclose(fp);
    if (rc == 0 && !(s->path = strdup(path)))
        rc = -ENOMEM;
    if (rc == 0 && looks_binary(s->text, s->len))
        rc = fail(path, EILSEQ, "binary file, skipped");
    else if (rc == -EIO)
        fail(path, EIO, NULL);
    if (rc != 0) {
        source_free(s);
        return rc;
    }
    warn_bytes(s);
    *out = s;
    return 0;
}

void source_free(source *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->text);
    free(s);
}
