/* The SS-SPEC-* rules (one file per family) and what they share. */
#ifndef SS_SPEC_RULES_H
#define SS_SPEC_RULES_H
#include "spec/doc.h"

#include <stddef.h>

typedef struct {
    const spec_doc *d;
    const char *file; /* display name for locations */
    ss_report *r;
    int added;
} spec_ctx;

/* A check outcome and its reason, recorded by review.c as the rule's check result. */
typedef struct {
    ss_check_status status;
    char reason[256];
} spec_outcome;

/* Adds a finding located at file:line (line 0: the file). */
ss_finding *spec_emit(spec_ctx *c, const char *rule, ss_confidence conf, unsigned line,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void spec_outcome_set(spec_outcome *o, ss_check_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "POST /login" into buf. */
const char *spec_op_label(const spec_op *op, char *buf, size_t cap);

void rule_token_in_url(spec_ctx *c, spec_outcome *o);
void rule_token_in_body(spec_ctx *c, spec_outcome *o);
void rule_no_logout(spec_ctx *c, spec_outcome *o);
void rule_cleartext(spec_ctx *c, spec_outcome *o);
void rule_unprotected_op(spec_ctx *c, spec_outcome *o);
void rule_static_key(spec_ctx *c, spec_outcome *o);

/* Walks the properties of a schema (through $ref, allOf/anyOf/oneOf, items and nested
 * properties, bounded in depth and in nodes visited) and calls cb for each; cb returns non-zero
 * to stop. */
typedef int (*spec_prop_cb)(const spec_pair *prop, const spec_node *schema, void *ctx);
void spec_walk_props(const spec_doc *d, const spec_node *schema, spec_prop_cb cb, void *ctx);

#endif
