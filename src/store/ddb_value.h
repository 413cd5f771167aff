/* Typed DynamoDB AttributeValue decoding (S, N, B, BOOL, NULL, M, L, SS, NS, BS) from the JSON 1.0
 * wire form. Input is hostile: every value is type-checked, nesting is bounded. */
#ifndef SS_DDB_VALUE_H
#define SS_DDB_VALUE_H
#include <jansson.h>
#include <stddef.h>

#define DDB_MAX_DEPTH 32 /* DynamoDB's own nesting limit */

typedef enum {
    DDB_S,
    DDB_N,
    DDB_B,
    DDB_BOOL,
    DDB_NULL,
    DDB_M,
    DDB_L,
    DDB_SS,
    DDB_NS,
    DDB_BS
} ddb_type;

typedef struct ddb_value {
    ddb_type type;
    char *str;  /* S, N (decimal text), B (decoded bytes, NUL-terminated) */
    size_t len; /* bytes in str */
    int boolean;
    struct ddb_value *items; /* M values, L elements, set members */
    char **keys;             /* M keys (parallel to items) */
    size_t n;
} ddb_value;

/* Decodes one AttributeValue object ({"S":"x"}, {"M":{...}}, ...). Returns 0, or -1 with a
 * reason in err (wrong shape, bad number, bad base64, too deep). */
int ddb_value_decode(const json_t *av, ddb_value *out, char *err, size_t errlen);
void ddb_value_free(ddb_value *v);
const char *ddb_type_name(ddb_type t);
/* The number an N (or a numeric S) holds; returns 0 on success. */
int ddb_value_number(const ddb_value *v, double *out);
/* M member by key, NULL if absent or v is not a map. */
const ddb_value *ddb_value_get(const ddb_value *v, const char *key);

#endif
