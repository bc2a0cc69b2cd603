/*
 * source.c: reading an article file whole. A file is binary when its first
 * 8 KiB hold more than a few control bytes; an occasional NUL or invalid
 * byte in a text file is reported by offset and the file is kept.
 *
 * Only regular files are read. A FIFO, a socket or a device (also behind a
 * symbolic link: /dev/zero never ends) is refused with a message naming
 * what it is, and never opened in a way that could block. A file is read
 * up to the size it had when opened, so one that grows while it is read
 * (a log being written, /proc) still ends. Each source keeps its device
 * and inode, which say when two spellings of a path are the same file.
 * Standard input (`scan -`) is read to its end, a pipe having no size.
 */
#include "source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "text.h"

/* Warnings of one kind per file: enough to find the problem, not a flood. */
#define SOURCE_MAX_WARNINGS 3

static int fail(const char *path, int err, const char *why)
{
    fprintf(stderr, "quotelens: %s: %s\n", path, why ? why : strerror(err));
    return -err;
}

/* Reads at most `size` bytes (the file's size when opened): a file that
 * grows while it is read, or one that says it is empty and never ends
 * (/proc), cannot make the read go on for ever. A file that shrinks gives
 * what it still has. */
static int read_upto(int fd, size_t size, char **text, size_t *len)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return -ENOMEM;
    size_t n = 0;
    while (n < size) {
        ssize_t k = read(fd, buf + n, size - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int err = errno;
            free(buf);
            return -err;
        }
        if (k == 0)
            break;
        n += (size_t)k;
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

const char *source_kind(mode_t mode)
{
    return S_ISREG(mode) ? "regular file" : S_ISDIR(mode) ? "directory"
         : S_ISFIFO(mode) ? "FIFO" : S_ISCHR(mode) ? "character device"
         : S_ISBLK(mode) ? "block device" : S_ISSOCK(mode) ? "socket" : "special file";
}

const char *source_why(int rc)
{
    return rc == -EILSEQ ? "binary file" : rc == -ENOTSUP ? "not a regular file" : strerror(-rc);
}

/* Refuses what is not a regular file, naming what it is. */
static int check_kind(const char *path, mode_t mode)
{
    if (S_ISDIR(mode))
        return fail(path, EISDIR, NULL);
    if (S_ISREG(mode))
        return 0;
    char why[80];
    snprintf(why, sizeof why, "not a regular file (%s), skipped", source_kind(mode));
    return fail(path, ENOTSUP, why);
}

/* Opens a regular file without blocking: stat first, so a device is never
 * opened, then fstat what was opened, since the path may have changed in
 * between (a file swapped for a FIFO would block a plain open for ever). */
static int open_regular(const char *path, int *fd, struct stat *st)
{
    int rc;
    if (stat(path, st) != 0)
        return fail(path, errno, NULL);
    if ((rc = check_kind(path, st->st_mode)) != 0)
        return rc;
    *fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (*fd < 0)
        return fail(path, errno, NULL);
    if (fstat(*fd, st) != 0)
        rc = fail(path, errno, NULL);
    else
        rc = check_kind(path, st->st_mode);
    if (rc != 0)
        close(*fd);
    return rc;
}

/* Reads a stream that has no size to trust (a pipe, a terminal) to its
 * end. Its first 8 KiB decide whether it is text, so an endless binary
 * stream (/dev/zero) is refused there instead of filling memory. */
static int read_stream(int fd, char **text, size_t *len)
{
    size_t n = 0, cap = 0;
    char *buf = NULL;
    bool judged = false;
    for (;;) {
        if (array_grow((void **)&buf, &cap, n + 8192 + 1, 1)) {
            free(buf);
            return -ENOMEM;
        }
        ssize_t k = read(fd, buf + n, cap - n - 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int err = errno;
            free(buf);
            return -err;
        }
        n += (size_t)k;
        if (!judged && (k == 0 || n >= 8192)) {
            judged = true;
            if (looks_binary(buf, n)) {
                free(buf);
                return -EILSEQ;
            }
        }
        if (k == 0)
            break;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* Completes a source read from fd under the name path (whose identity is
 * st), or reports why it cannot be one; frees it on failure. */
static int finish(source *s, int rc, const char *path, const struct stat *st)
{
    if (rc == 0 && !(s->path = strdup(path)))
        rc = -ENOMEM;
    if (rc == -EILSEQ || (rc == 0 && looks_binary(s->text, s->len)))
        rc = fail(path, EILSEQ, "binary file, skipped");
    else if (rc != 0 && rc != -ENOMEM)
        fail(path, -rc, NULL);
    if (rc != 0) {
        source_free(s);
        return rc;
    }
    s->dev = st->st_dev;
    s->ino = st->st_ino;
    warn_bytes(s);
    return 0;
}

int source_load(const char *path, source **out)
{
    struct stat st;
    int fd = -1, rc = open_regular(path, &fd, &st);
    if (rc != 0)
        return rc;
    source *s = calloc(1, sizeof *s);
    rc = s ? read_upto(fd, (size_t)st.st_size, &s->text, &s->len) : -ENOMEM;
    close(fd);
    if ((rc = finish(s, rc, path, &st)) == 0)
        *out = s;
    return rc;
}

int source_load_fd(int fd, const char *name, source **out)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(name, errno, NULL);
    if (S_ISDIR(st.st_mode))
        return fail(name, EISDIR, NULL);
    source *s = calloc(1, sizeof *s);
    int rc = !s ? -ENOMEM
           : S_ISREG(st.st_mode) ? read_upto(fd, (size_t)st.st_size, &s->text, &s->len)
           : read_stream(fd, &s->text, &s->len);
    if ((rc = finish(s, rc, name, &st)) == 0)
        *out = s;
    return rc;
}

void source_free(source *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->text);
    free(s);
}
