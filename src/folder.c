/*
 * folder.c: walking a corpus folder. Symbolic links to folders are not
 * followed, so a link cycle cannot trap the walk; links to files are read.
 */
#include "folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "html.h"

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static int paths_push(paths *p, char *s)
{
    if (!s)
        return -ENOMEM;
    if (array_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v)) {
        free(s);
        return -ENOMEM;
    }
    p->v[p->n++] = s;
    return 0;
}

static const char *extension(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static bool is_html(const char *path)
{
    return strcasecmp(extension(path), "html") == 0 || strcasecmp(extension(path), "htm") == 0;
}

bool folder_wants(const char *path)
{
    const char *e = extension(path);
    return strcasecmp(e, "txt") == 0 || strcasecmp(e, "md") == 0 || is_html(path);
}

char *folder_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *s = malloc(a + b + 2);
    if (s) {
        memcpy(s, dir, a);
        s[a] = '/';
        memcpy(s + a + 1, name, b + 1);
    }
    return s;
}

static int walk(const char *dir, paths *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        int err = errno;
        fprintf(stderr, "quotelens: %s: %s\n", dir, strerror(err));
        return -err;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files and folders */
        char *path = folder_join(dir, e->d_name);
        struct stat st;
        if (!path) {
            rc = -ENOMEM;
        } else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            int sub = walk(path, out);
            rc = sub == -ENOMEM ? sub : 0;
            free(path);
        } else if (folder_wants(path)) {
            rc = paths_push(out, path);
        } else {
            free(path);
        }
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replaces a web page's text with its readable text. */
static int strip_markup(source *s)
{
    size_t n;
    char *text = html_to_text(s->text, s->len, &n);
    if (!text)
        return -ENOMEM;
    free(s->text);
    s->text = text;
    s->len = n;
    return 0;
}

int folder_read(const char *path, source **out)
{
    source *s;
    int rc = source_load(path, &s);
    if (rc == 0 && is_html(path) && (rc = strip_markup(s)) != 0)
        source_free(s);
    if (rc == 0)
        *out = s;
    return rc;
}

int folder_load(const char *dir, source ***v, size_t *n, size_t *cap)
{
    paths p = {0};
    int rc = walk(dir, &p);
    if (rc == 0 && p.n)
        qsort(p.v, p.n, sizeof *p.v, by_path);
    for (size_t i = 0; i < p.n && rc != -ENOMEM; i++) {
        source *s;
        int err = folder_read(p.v[i], &s);
        if (err == -ENOMEM)
            rc = err;
        if (err)
            continue;
        if (array_grow((void **)v, cap, *n + 1, sizeof **v)) {
            source_free(s);
            rc = -ENOMEM;
            break;
        }
        (*v)[(*n)++] = s;
    }
    for (size_t i = 0; i < p.n; i++)
        free(p.v[i]);
    free(p.v);
    return rc;
}
