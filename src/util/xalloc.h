/* Allocation that never returns NULL: running out of memory ends the process with a message. */
#ifndef SS_XALLOC_H
#define SS_XALLOC_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows a typed array (items, count, capacity) by one slot and returns a pointer to it, zeroed. */
#define XARRAY_PUSH(arr, n, cap)                                                                   \
    (((n) == (cap)                                                                                 \
          ? ((cap) = (cap) ? (cap)*2 : 8, (arr) = xrealloc((arr), (cap) * sizeof(*(arr))))         \
          : (void *)0),                                                                            \
     memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])

#endif
