/* Bump allocator for a loaded document: one free for the whole tree, and shared subtrees
 * (YAML aliases) need no reference counting. */
#ifndef SS_SPEC_ARENA_H
#define SS_SPEC_ARENA_H
#include <stddef.h>

typedef struct spec_arena_block spec_arena_block;

typedef struct {
    spec_arena_block *head;
    size_t total; /* bytes handed out, for the memory figures in bench/ */
} spec_arena;

void arena_init(spec_arena *a);
void arena_free(spec_arena *a);
/* 8-byte aligned, never NULL (xmalloc ends the process when memory runs out). */
void *arena_alloc(spec_arena *a, size_t n);
char *arena_strndup(spec_arena *a, const char *s, size_t n);

#endif
