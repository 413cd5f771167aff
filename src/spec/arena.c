#include "spec/arena.h"
#include "util/xalloc.h"

#include <string.h>

/* Large enough that block headers are noise, small enough for tiny documents. */
#define BLOCK_SIZE (64 * 1024)

struct spec_arena_block {
    spec_arena_block *next;
    size_t used, cap;
    max_align_t align; /* data starts suitably aligned after the header */
};

void arena_init(spec_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void arena_free(spec_arena *a)
{
    spec_arena_block *b = a->head;
    while (b) {
        spec_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

static char *block_data(spec_arena_block *b)
{
    return (char *)&b->align;
}

void *arena_alloc(spec_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    spec_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
        spec_arena_block *nb = xmalloc(offsetof(spec_arena_block, align) + cap);
        nb->used = 0;
        nb->cap = cap;
        if (b && cap != BLOCK_SIZE) {
            /* A big one-off allocation goes behind the current block so its free space
             * is not wasted. */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            a->total += n;
            return block_data(nb);
        }
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = block_data(b) + b->used;
    b->used += n;
    a->total += n;
    return p;
}

char *arena_strndup(spec_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
