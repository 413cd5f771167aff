/* The document tree: maps, sequences and scalars, each with the line and column it came from
 * (1-based), so every finding can point into the user's file. JSON and YAML load to the same tree.
 */
#ifndef SS_SPEC_NODE_H
#define SS_SPEC_NODE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { SPEC_SCALAR = 0, SPEC_SEQ, SPEC_MAP } spec_kind;

typedef struct spec_node spec_node;

typedef struct {
    const char *key;
    uint32_t line, col; /* of the key */
    spec_node *val;
} spec_pair;

struct spec_node {
    uint8_t kind;  /* spec_kind */
    uint8_t plain; /* scalar written without quotes (so `true` is a boolean, "true" a string) */
    uint32_t line, col;
    uint32_t n;      /* scalar length, sequence items or map pairs */
    uint32_t weight; /* nodes in this subtree, saturating: what expanding an alias to it costs */
    union {
        const char *str; /* scalar, NUL-terminated */
        spec_node **items;
        spec_pair *pairs;
    } u;
};

/* Map lookup by key; NULL when n is not a map or has no such key. */
const spec_node *node_get(const spec_node *n, const char *key);
const spec_pair *node_get_pair(const spec_node *n, const char *key);
/* The scalar text, or NULL when n is missing or not a scalar. */
const char *node_str(const spec_node *n);
/* Scalar text of n[key], or NULL. */
const char *node_get_str(const spec_node *n, const char *key);
bool node_is_map(const spec_node *n);
bool node_is_seq(const spec_node *n);
/* A plain `true` (JSON/YAML boolean); "true" in quotes is a string. */
bool node_true(const spec_node *n);
bool str_ieq(const char *a, const char *b);
/* Case-insensitive substring search. */
bool str_icontains(const char *hay, const char *needle);

#endif
