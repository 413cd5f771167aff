/* Local $ref resolution: JSON pointers (RFC 6901, with the URI fragment's percent-encoding),
 * chains of references, and a load-time pass that rejects dangling and cyclic references and
 * notes external ones (never fetched). */
#include "spec/doc.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN 32
#define MAX_TOKEN 1024

static int hexval(int c)
{
    if (isdigit(c)) return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes one reference token (between slashes) into out; returns -1 on a malformed escape. */
static int decode_token(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n) return -1;
            int h = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
            if (h < 0 || lo < 0) return -1;
            c = h * 16 + lo;
            i += 2;
        }
        if (o + 1 >= cap) return -1;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    /* ~1 and ~0 are unescaped after percent-decoding (RFC 6901 section 6). */
    size_t w = 0;
    for (size_t r = 0; r < o; r++) {
        if (out[r] == '~') {
            if (r + 1 >= o || (out[r + 1] != '0' && out[r + 1] != '1')) return -1;
            out[w++] = out[r + 1] == '0' ? '~' : '/';
            r++;
        } else {
            out[w++] = out[r];
        }
    }
    out[w] = '\0';
    return 0;
}

static const spec_node *step(const spec_node *n, const char *tok)
{
    if (!n) return NULL;
    if (n->kind == SPEC_MAP) return node_get(n, tok);
    if (n->kind == SPEC_SEQ) {
        char *end;
        if (!isdigit((unsigned char)tok[0]) || (tok[0] == '0' && tok[1])) return NULL;
        unsigned long i = strtoul(tok, &end, 10);
        return *end == '\0' && i < n->n ? n->u.items[i] : NULL;
    }
    return NULL;
}

const spec_node *spec_pointer(const spec_doc *d, const char *ref)
{
    if (!ref || ref[0] != '#') return NULL;
    const char *p = ref + 1;
    const spec_node *n = d->root;
    if (*p == '\0') return n;
    if (*p != '/') return NULL; /* a plain-name fragment ($anchor): not a pointer */
    char tok[MAX_TOKEN];
    while (*p == '/' && n) {
        p++;
        size_t len = strcspn(p, "/");
        if (decode_token(p, len, tok, sizeof tok) < 0) return NULL;
        n = step(n, tok);
        p += len;
    }
    return n;
}

static const char *ref_of(const spec_node *n)
{
    return node_get_str(n, "$ref");
}

const spec_node *spec_deref(const spec_doc *d, const spec_node *n)
{
    for (int i = 0; n && i < MAX_CHAIN; i++) {
        const char *ref = ref_of(n);
        if (!ref) return n;
        n = spec_pointer(d, ref);
    }
    return NULL;
}

/* Keys whose values are literal data (examples, defaults), where "$ref" is just text. */
static bool literal_key(const char *k)
{
    return strcmp(k, "example") == 0 || strcmp(k, "default") == 0 || strcmp(k, "enum") == 0 ||
           strcmp(k, "const") == 0 || strncmp(k, "x-", 2) == 0;
}

/* Keys whose values map user-chosen names to objects: their children are never literal. */
static bool name_map_key(const char *k)
{
    static const char *const keys[] = {"properties",
                                       "patternProperties",
                                       "definitions",
                                       "$defs",
                                       "schemas",
                                       "responses",
                                       "parameters",
                                       "requestBodies",
                                       "headers",
                                       "securitySchemes",
                                       "securityDefinitions",
                                       "links",
                                       "callbacks",
                                       "pathItems",
                                       "examples",
                                       "paths",
                                       "content",
                                       "encoding",
                                       "variables",
                                       "mapping",
                                       "webhooks",
                                       "dependentSchemas"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(k, keys[i]) == 0) return true;
    return false;
}

typedef struct {
    const spec_node *n;
    const char *parent_key; /* key under which n sits ("" for items and the root) */
    const char *grand_key;
} walk_item;

static int check_one_ref(spec_doc *d, const spec_node *refnode, spec_error *err, size_t *externals)
{
    const char *ref = node_str(refnode);
    if (!ref) return 0;
    if (ref[0] != '#') {
        if (++*externals <= 10)
            spec_add_note(d, "line %u: external $ref '%.200s' was not fetched", refnode->line, ref);
        return 0;
    }
    if (ref[1] != '\0' && ref[1] != '/')
        return 0; /* $anchor-style fragment: resolved by schema tools, not needed here */
    const spec_node *cur = spec_pointer(d, ref);
    if (!cur) {
        spec_set_error(err, d, SPEC_ERR_REF, (int)refnode->line, (int)refnode->col,
                       "dangling $ref '%.200s': nothing at that location", ref);
        return -1;
    }
    for (int i = 0; i < MAX_CHAIN; i++) {
        const char *next = ref_of(cur);
        if (!next || next[0] != '#' || (next[1] != '\0' && next[1] != '/')) return 0;
        cur = spec_pointer(d, next);
        if (!cur) {
            spec_set_error(err, d, SPEC_ERR_REF, (int)refnode->line, (int)refnode->col,
                           "$ref '%.200s' leads to a dangling $ref '%.200s'", ref, next);
            return -1;
        }
    }
    spec_set_error(err, d, SPEC_ERR_REF, (int)refnode->line, (int)refnode->col,
                   "cyclic $ref '%.200s': the chain of references never reaches an object", ref);
    return -1;
}

int spec_check_refs(spec_doc *d, spec_error *err)
{
    /* Iterative walk: depth is bounded by the loader, but an explicit stack keeps the C stack
     * small whatever the limits are. Shared (aliased) subtrees are walked at each use; the
     * alias budget bounds that. */
    walk_item *stack = NULL;
    size_t n = 0, cap = 0, externals = 0;
    int rc = 0;
    *XARRAY_PUSH(stack, n, cap) = (walk_item){d->root, "", ""};
    while (n > 0 && rc == 0) {
        walk_item it = stack[--n];
        const spec_node *node = it.n;
        if (node->kind == SPEC_SEQ) {
            /* Pushed in reverse so errors are found in document order. */
            for (uint32_t i = node->n; i-- > 0;)
                if (node->u.items[i]->kind != SPEC_SCALAR)
                    *XARRAY_PUSH(stack, n, cap) = (walk_item){node->u.items[i], "", it.parent_key};
            continue;
        }
        if (node->kind != SPEC_MAP) continue;
        bool names = name_map_key(it.parent_key);
        /* An Example Object's `value` is literal data too. */
        bool example_obj = strcmp(it.grand_key, "examples") == 0;
        for (uint32_t i = 0; i < node->n && rc == 0; i++) {
            const spec_pair *p = &node->u.pairs[i];
            if (!names && strcmp(p->key, "$ref") == 0)
                rc = check_one_ref(d, p->val, err, &externals);
        }
        for (uint32_t i = node->n; i-- > 0 && rc == 0;) {
            const spec_pair *p = &node->u.pairs[i];
            if (!names && (strcmp(p->key, "$ref") == 0 || literal_key(p->key) ||
                           (example_obj && strcmp(p->key, "value") == 0)))
                continue;
            if (p->val->kind != SPEC_SCALAR)
                *XARRAY_PUSH(stack, n, cap) = (walk_item){p->val, p->key, it.parent_key};
        }
    }
    free(stack);
    if (externals > 10) spec_add_note(d, "%zu external $refs in all were not fetched", externals);
    return rc;
}
