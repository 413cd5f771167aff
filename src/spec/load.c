/* libyaml events -> node tree. The event API (not yaml_document_t) lets us count nodes, depth and
 * alias expansion as they arrive, so a hostile document fails before it costs memory. JSON is
 * parsed by the same code: it is YAML. */
#include "spec/doc.h"
#include "util/xalloc.h"

#include <yaml.h>

#include <stdint.h>
#include <string.h>

typedef struct {
    spec_node *node;
    void *tmp;           /* spec_node* items or spec_pair pairs, copied into the arena at the end */
    size_t n, cap_bytes; /* bytes: a frame's buffer is reused for maps and sequences alike */
    uint64_t weight;
    const char *key; /* map: key waiting for its value */
    uint32_t key_line, key_col;
    char *anchor; /* registered when the container is complete, so it cannot contain itself */
} frame;

typedef struct {
    char *name;
    spec_node *node;
} anchor;

typedef struct {
    spec_doc *d;
    const spec_limits *lim;
    spec_error *err;
    frame *frames;
    size_t depth, cap_frames;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t alias_nodes, aliases;
    size_t merge_work; /* key comparisons spent on merge keys, bounded like alias expansion */
} loader;

/* A plain `<<` key (YAML merge key); compared by address, so a quoted "<<" stays a plain key. */
static const char MERGE_KEY[] = "<<";
#define MAX_MERGE_WORK 20000000u

#define MAX_ANCHORS 10000

static int fail(loader *l, spec_error_kind kind, yaml_mark_t m, const char *fmt, const char *arg)
{
    spec_set_error(l->err, l->d, kind, (int)m.line + 1, (int)m.column + 1, fmt, arg);
    return -1;
}

static int register_anchor(loader *l, const yaml_char_t *name, spec_node *node, yaml_mark_t m)
{
    if (l->n_anchors >= MAX_ANCHORS)
        return fail(l, SPEC_ERR_LIMIT, m, "more than %s YAML anchors", "10000");
    anchor *a = XARRAY_PUSH(l->anchors, l->n_anchors, l->cap_anchors);
    a->name = xstrdup((const char *)name);
    a->node = node;
    return 0;
}

static spec_node *find_anchor(loader *l, const char *name)
{
    /* Latest definition wins: YAML allows an anchor name to be reused. */
    for (size_t i = l->n_anchors; i-- > 0;)
        if (strcmp(l->anchors[i].name, name) == 0) return l->anchors[i].node;
    return NULL;
}

static spec_node *new_node(loader *l, spec_kind kind, yaml_mark_t m)
{
    if (++l->d->n_nodes > l->lim->max_nodes) {
        char lim[32];
        snprintf(lim, sizeof lim, "%zu", l->lim->max_nodes);
        fail(l, SPEC_ERR_LIMIT, m, "document has more than %s nodes", lim);
        return NULL;
    }
    spec_node *n = arena_alloc(&l->d->arena, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = (uint32_t)m.line + 1;
    n->col = (uint32_t)m.column + 1;
    n->weight = 1;
    return n;
}

static void reserve(frame *f, size_t elem)
{
    if ((f->n + 1) * elem <= f->cap_bytes) return;
    f->cap_bytes = f->cap_bytes ? f->cap_bytes * 2 : 16 * elem;
    if (f->cap_bytes < (f->n + 1) * elem) f->cap_bytes = (f->n + 1) * elem;
    f->tmp = xrealloc(f->tmp, f->cap_bytes);
}

/* Hands a finished node (or an alias target) to the enclosing container. */
static int add_child(loader *l, spec_node *child, yaml_mark_t m)
{
    if (l->depth == 0) {
        l->d->root = child;
        return 0;
    }
    frame *f = &l->frames[l->depth - 1];
    f->weight += child->weight;
    if (f->node->kind == SPEC_SEQ) {
        reserve(f, sizeof(spec_node *));
        ((spec_node **)f->tmp)[f->n++] = child;
        return 0;
    }
    if (!f->key) {
        if (child->kind != SPEC_SCALAR)
            return fail(l, SPEC_ERR_STRUCTURE, m, "%s", "mapping keys must be scalars");
        f->key = child->plain && strcmp(child->u.str, "<<") == 0 ? MERGE_KEY : child->u.str;
        f->key_line = child->line;
        f->key_col = child->col;
        f->weight -= child->weight; /* keys are not nodes of the tree */
        return 0;
    }
    reserve(f, sizeof(spec_pair));
    spec_pair *p = &((spec_pair *)f->tmp)[f->n++];
    p->key = f->key;
    p->line = f->key_line;
    p->col = f->key_col;
    p->val = child;
    f->key = NULL;
    return 0;
}

static int on_scalar(loader *l, const yaml_event_t *ev)
{
    const yaml_mark_t m = ev->start_mark;
    spec_node *n = new_node(l, SPEC_SCALAR, m);
    if (!n) return -1;
    n->u.str =
        arena_strndup(&l->d->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    n->n = (uint32_t)ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (ev->data.scalar.anchor && register_anchor(l, ev->data.scalar.anchor, n, m) < 0) return -1;
    return add_child(l, n, m);
}

static int on_start(loader *l, spec_kind kind, const yaml_event_t *ev, const yaml_char_t *anc)
{
    const yaml_mark_t m = ev->start_mark;
    if (l->depth >= l->lim->max_depth) {
        char lim[32];
        snprintf(lim, sizeof lim, "%u", l->lim->max_depth);
        return fail(l, SPEC_ERR_LIMIT, m, "nesting deeper than %s levels", lim);
    }
    spec_node *n = new_node(l, kind, m);
    if (!n) return -1;
    if (l->depth == l->cap_frames) {
        size_t old = l->cap_frames;
        l->cap_frames = old ? old * 2 : 16;
        l->frames = xrealloc(l->frames, l->cap_frames * sizeof *l->frames);
        memset(l->frames + old, 0, (l->cap_frames - old) * sizeof *l->frames);
    }
    frame *f = &l->frames[l->depth++];
    f->node = n; /* tmp and cap_bytes are kept from earlier use at this depth */
    f->n = 0;
    f->weight = 1;
    f->key = NULL;
    f->anchor = anc ? xstrdup((const char *)anc) : NULL;
    return 0;
}

static bool has_key(const spec_pair *p, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (key == MERGE_KEY ? p[i].key == MERGE_KEY
                             : p[i].key != MERGE_KEY && strcmp(p[i].key, key) == 0)
            return true;
    return false;
}

/* Appends src's pairs that out does not have yet (the map's own keys and earlier merges win). */
static int merge_from(loader *l, spec_pair **out, size_t *n, size_t *cap, const spec_node *src,
                      yaml_mark_t m)
{
    if (src->kind != SPEC_MAP)
        return fail(l, SPEC_ERR_STRUCTURE, m, "%s",
                    "a merge key '<<' needs a mapping or a list of mappings");
    l->merge_work += (size_t)src->n * (*n + src->n);
    l->alias_nodes += src->n;
    if (l->merge_work > MAX_MERGE_WORK || l->alias_nodes > l->lim->max_alias_nodes)
        return fail(l, SPEC_ERR_LIMIT, m, "%s", "YAML merge keys expand to too many entries");
    for (uint32_t i = 0; i < src->n; i++)
        if (!has_key(*out, *n, src->u.pairs[i].key)) *XARRAY_PUSH(*out, *n, *cap) = src->u.pairs[i];
    return 0;
}

/* Rewrites a finished map's pairs with its merge keys expanded. */
static int apply_merges(loader *l, frame *f, yaml_mark_t m)
{
    spec_pair *in = f->tmp, *out = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < f->n; i++)
        if (in[i].key != MERGE_KEY) *XARRAY_PUSH(out, n, cap) = in[i];
    for (size_t i = 0; i < f->n && rc == 0; i++) {
        if (in[i].key != MERGE_KEY) continue;
        const spec_node *v = in[i].val;
        if (v->kind == SPEC_SEQ)
            for (uint32_t k = 0; k < v->n && rc == 0; k++)
                rc = merge_from(l, &out, &n, &cap, v->u.items[k], m);
        else
            rc = merge_from(l, &out, &n, &cap, v, m);
    }
    if (rc == 0) {
        if (n * sizeof(spec_pair) > f->cap_bytes) {
            f->cap_bytes = n * sizeof(spec_pair);
            f->tmp = xrealloc(f->tmp, f->cap_bytes);
        }
        if (n) memcpy(f->tmp, out, n * sizeof(spec_pair));
        f->n = n;
    }
    free(out);
    return rc;
}

static int on_end(loader *l, const yaml_event_t *ev)
{
    frame *f = &l->frames[--l->depth];
    spec_node *n = f->node;
    if (n->kind == SPEC_MAP && has_key(f->tmp, f->n, MERGE_KEY) &&
        apply_merges(l, f, ev->start_mark) < 0)
        return -1;
    size_t elem = n->kind == SPEC_SEQ ? sizeof(spec_node *) : sizeof(spec_pair);
    n->n = (uint32_t)f->n;
    n->weight = f->weight > UINT32_MAX ? UINT32_MAX : (uint32_t)f->weight;
    void *dst = f->n ? arena_alloc(&l->d->arena, f->n * elem) : NULL;
    if (f->n) memcpy(dst, f->tmp, f->n * elem);
    if (n->kind == SPEC_SEQ)
        n->u.items = dst;
    else
        n->u.pairs = dst;
    int rc = 0;
    if (f->anchor) {
        rc = register_anchor(l, (const yaml_char_t *)f->anchor, n, ev->start_mark);
        free(f->anchor);
        f->anchor = NULL;
    }
    return rc < 0 ? -1 : add_child(l, n, ev->start_mark);
}

static int on_alias(loader *l, const yaml_event_t *ev)
{
    const yaml_mark_t m = ev->start_mark;
    const char *name = (const char *)ev->data.alias.anchor;
    spec_node *target = find_anchor(l, name);
    if (!target) return fail(l, SPEC_ERR_SYNTAX, m, "alias *%s refers to no complete anchor", name);
    /* Billion laughs: each use counts the whole subtree it stands for. */
    l->alias_nodes += target->weight;
    if (++l->aliases > l->lim->max_aliases || l->alias_nodes > l->lim->max_alias_nodes)
        return fail(l, SPEC_ERR_LIMIT, m,
                    "YAML aliases expand to too many nodes (alias *%s); refusing a possible "
                    "\"billion laughs\" document",
                    name);
    return add_child(l, target, m);
}

static int on_event(loader *l, const yaml_event_t *ev, int *done)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(l, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(l, SPEC_SEQ, ev, ev->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return on_start(l, SPEC_MAP, ev, ev->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(l, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(l, ev);
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        *done = 1; /* only the first document of a stream is the description */
        return 0;
    default:
        return 0;
    }
}

static void syntax_error(loader *l, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "cannot parse the document";
    yaml_mark_t m = p->problem_mark;
    if (p->error == YAML_MEMORY_ERROR) problem = "out of memory while parsing";
    /* libyaml's context ("while parsing a flow mapping") has its own position: often the place
     * the reader should look at, so both are given. */
    if (p->context)
        spec_set_error(l->err, l->d, SPEC_ERR_SYNTAX, (int)m.line + 1, (int)m.column + 1,
                       "invalid JSON/YAML: %s %s started at line %d, column %d", problem,
                       p->context, (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
    else
        spec_set_error(l->err, l->d, SPEC_ERR_SYNTAX, (int)m.line + 1, (int)m.column + 1,
                       "invalid JSON/YAML: %s", problem);
}

static void loader_free(loader *l)
{
    for (size_t i = 0; i < l->cap_frames; i++) {
        free(l->frames[i].tmp);
        free(l->frames[i].anchor);
    }
    free(l->frames);
    for (size_t i = 0; i < l->n_anchors; i++)
        free(l->anchors[i].name);
    free(l->anchors);
}

int spec_parse_tree(spec_doc *d, const char *data, size_t len, const spec_limits *lim,
                    spec_error *err)
{
    loader l = {.d = d, .lim = lim, .err = err};
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        spec_set_error(err, d, SPEC_ERR_SYNTAX, 0, 0, "%s", "cannot initialise the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    int rc = 0, done = 0;
    while (!done && rc == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&l, &p);
            rc = -1;
            break;
        }
        rc = on_event(&l, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    loader_free(&l);
    if (rc == 0 && !d->root) {
        spec_set_error(err, d, SPEC_ERR_STRUCTURE, 0, 0, "%s", "the document is empty");
        rc = -1;
    }
    return rc;
}
