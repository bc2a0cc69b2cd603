/*
 * array.c: see array.h.
 */
#include "array.h"

#include <errno.h>
#include <stdlib.h>

int array_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * size);
    if (!p)
        return -ENOMEM;
    *v = p;
    *cap = n;
    return 0;
}
