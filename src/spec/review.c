/* spec_review: runs the rule table and records one check result per rule. */
#include "spec/rules.h"
#include "util/buf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

ss_finding *spec_emit(spec_ctx *c, const char *rule, ss_confidence conf, unsigned line,
                      const char *fmt, ...)
{
    ss_buf msg;
    buf_init(&msg, 0);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    char loc[512];
    if (line > 0)
        snprintf(loc, sizeof loc, "%.400s:%u", c->file, line);
    else
        snprintf(loc, sizeof loc, "%.400s", c->file);
    ss_finding *f = report_add(c->r, rule, conf, loc, "%s", msg.data ? msg.data : "");
    f->line = (int)line;
    f->check = "spec";
    buf_free(&msg);
    c->added++;
    return f;
}

void spec_outcome_set(spec_outcome *o, ss_check_status st, const char *fmt, ...)
{
    o->status = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->reason, sizeof o->reason, fmt, ap);
    va_end(ap);
}

const char *spec_op_label(const spec_op *op, char *buf, size_t cap)
{
    size_t i = 0;
    for (; op->method[i] && i + 1 < cap && i < 10; i++)
        buf[i] = (char)toupper((unsigned char)op->method[i]);
    snprintf(buf + i, cap - i, " %.200s", op->path);
    return buf;
}

static const struct {
    const char *check;
    void (*run)(spec_ctx *, spec_outcome *);
} RULES[] = {
    {"spec-token-in-url", rule_token_in_url},     {"spec-token-in-body", rule_token_in_body},
    {"spec-no-logout", rule_no_logout},           {"spec-cleartext", rule_cleartext},
    {"spec-unprotected-op", rule_unprotected_op}, {"spec-static-key", rule_static_key},
};

int spec_review(const spec_doc *d, const char *display_name, ss_report *r)
{
    spec_ctx c = {d, display_name ? display_name : d->name, r, 0};
    for (size_t i = 0; i < sizeof RULES / sizeof *RULES; i++) {
        spec_outcome o = {CHECK_PASS, ""};
        int before = c.added;
        RULES[i].run(&c, &o);
        if (c.added > before && o.status == CHECK_PASS) o.status = CHECK_FAIL;
        report_check(r, RULES[i].check, o.status, "%s", o.reason);
    }
    if (d->n_notes > 0)
        report_check(r, "spec-refs", CHECK_INCONCLUSIVE, "%s%s", d->notes[0],
                     d->n_notes > 1 ? " (and more)" : "");
    return c.added;
}
