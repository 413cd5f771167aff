/* One session item read through a layout: its ID, user binding, issue and expiry times. */
#ifndef SS_STORE_ITEM_H
#define SS_STORE_ITEM_H
#include "store/ddb_value.h"
#include "store/store.h"

#include <jansson.h>

typedef enum { TTL_VALUE_OK = 0, TTL_VALUE_MISSING, TTL_VALUE_UNUSABLE } store_ttl_value;

typedef struct {
    char *id;   /* the ID the application puts in the cookie (prefix stripped), NULL if none */
    char *user; /* NULL: anonymous (pre-login) */
    int has_expiry, has_issued;
    double expiry, issued; /* epoch seconds */
    store_ttl_value ttl;   /* of the TTL attribute, when one is given */
} store_item;

/* Reads item (a DynamoDB Item object) through l; ttl_attr may be NULL. Never fails: what is
 * missing or malformed is simply absent in out. */
void store_item_extract(const store_layout *l, const char *ttl_attr, const json_t *item,
                        store_item *out);
void store_item_free(store_item *it);

/* Layout for a table whose hash key is hash_key, with o's overrides applied. */
void store_layout_for_key(const char *hash_key, const store_opts *o, store_layout *l);

/* Epoch seconds from N (seconds or milliseconds), numeric S, or ISO 8601 S. 0 on success. */
int store_parse_time(const ddb_value *v, double *out);
/* "3f9a…c21e": the first and last four characters, never the whole ID (short IDs: "…"+last 2). */
char *store_shorten(const char *id);
/* The table key for a cookie value: URL-decoded, express-session's "s:" and ".signature"
 * removed, the layout's prefix added. */
char *store_key_for_cookie(const store_layout *l, const char *cookie_value);

#endif
