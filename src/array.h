/*
 * array.h: growing a dynamic array by doubling, the one pattern every
 * module's lists share.
 */
#ifndef QL_ARRAY_H
#define QL_ARRAY_H

#include <stddef.h>

/* Makes room for `need` elements of `size` bytes in *v (capacity *cap),
 * doubling from 16. Returns 0, or -ENOMEM with *v and *cap untouched. */
int array_grow(void **v, size_t *cap, size_t need, size_t size);

#endif
