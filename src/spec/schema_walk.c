/* Property walk over JSON Schemas as OpenAPI uses them. Recursive schemas are legal (a tree of
 * comments), so the walk is bounded by depth and by nodes visited rather than by a visited set. */
#include "spec/rules.h"

#include <string.h>

#define MAX_DEPTH 8
#define MAX_VISITS 4000

typedef struct {
    const spec_doc *d;
    spec_prop_cb cb;
    void *ctx;
    unsigned budget;
    int stop;
} walker;

static void walk(walker *w, const spec_node *s, unsigned depth)
{
    static const char *const combiners[] = {"allOf", "anyOf", "oneOf"};
    if (w->stop || depth > MAX_DEPTH || w->budget == 0) return;
    w->budget--;
    s = spec_deref(w->d, s);
    if (!node_is_map(s)) return;
    const spec_node *props = node_get(s, "properties");
    for (uint32_t i = 0; node_is_map(props) && i < props->n && !w->stop; i++) {
        const spec_pair *p = &props->u.pairs[i];
        if (w->cb(p, spec_deref(w->d, p->val), w->ctx)) {
            w->stop = 1;
            return;
        }
        walk(w, p->val, depth + 1);
    }
    for (size_t k = 0; k < 3; k++) {
        const spec_node *list = node_get(s, combiners[k]);
        for (uint32_t i = 0; node_is_seq(list) && i < list->n; i++)
            walk(w, list->u.items[i], depth + 1);
    }
    walk(w, node_get(s, "items"), depth + 1);
}

void spec_walk_props(const spec_doc *d, const spec_node *schema, spec_prop_cb cb, void *ctx)
{
    walker w = {d, cb, ctx, MAX_VISITS, 0};
    if (schema) walk(&w, schema, 0);
}
