/* SS-SPEC-UNPROTECTED-OP: operations without security in an API that declares it, where they
 * look like they should have it. The heuristics are named in every finding so the reader can
 * judge them:
 *   sibling   - another method on the same path requires authentication;
 *   sensitive - the path or operationId names account, admin, profile, payment... data;
 *   write     - a POST/PUT/PATCH/DELETE in an API where most operations are protected. */
#include "spec/names.h"
#include "spec/rules.h"
#include "util/buf.h"

#include <string.h>

#define MAX_FINDINGS 100

static bool sensitive(const spec_op *op)
{
    static const char *const segs[] = {
        "admin",    "administration", "account",  "accounts", "profile",   "me",
        "settings", "password",       "billing",  "payment",  "payments",  "order",
        "orders",   "invoice",        "invoices", "secret",   "secrets",   "key",
        "keys",     "apikeys",        "private",  "internal", "user",      "users",
        "session",  "sessions",       "wallet",   "transfer", "transfers", NULL};
    static const char *const ids[] = {"admin", "password", "secret", "delete", NULL};
    char tmp[128], n[256];
    for (const char *p = op->path; *p;) {
        p += strspn(p, "/");
        size_t len = strcspn(p, "/");
        if (len > 0 && len < sizeof tmp && p[0] != '{') {
            memcpy(tmp, p, len);
            tmp[len] = '\0';
            name_norm(tmp, n, sizeof n);
            for (const char *const *w = segs; *w; w++)
                if (strcmp(n, *w) == 0) return true;
        }
        p += len;
    }
    name_norm(op->op_id, n, sizeof n);
    for (const char *const *w = ids; *w; w++)
        if (strstr(n, *w)) return true;
    return false;
}

static bool sibling_secured(const spec_doc *d, const spec_op *op)
{
    for (size_t i = 0; i < d->n_ops; i++)
        if (&d->ops[i] != op && d->ops[i].secured && strcmp(d->ops[i].path, op->path) == 0)
            return true;
    return false;
}

static bool is_write(const spec_op *op)
{
    return strcmp(op->method, "post") == 0 || strcmp(op->method, "put") == 0 ||
           strcmp(op->method, "patch") == 0 || strcmp(op->method, "delete") == 0;
}

void rule_unprotected_op(spec_ctx *c, spec_outcome *o)
{
    const spec_doc *d = c->d;
    size_t secured = 0, flagged = 0;
    for (size_t i = 0; i < d->n_ops; i++)
        secured += d->ops[i].secured;
    if (secured == 0) {
        spec_outcome_set(o, CHECK_SKIPPED, "no operation requires authentication");
        return;
    }
    bool mostly = secured * 2 >= d->n_ops;
    char label[256];
    for (size_t i = 0; i < d->n_ops; i++) {
        const spec_op *op = &d->ops[i];
        if (op->secured || op_public_by_design(op)) continue;
        bool h_sib = sibling_secured(d, op), h_sens = sensitive(op);
        bool h_write = is_write(op) && mostly;
        /* `security: []` is a deliberate "public": only name-based suspicion overrides it. */
        if (op->security_explicit ? !h_sens : !(h_sib || h_sens || h_write)) continue;
        if (++flagged > MAX_FINDINGS) continue;
        ss_buf h;
        buf_init(&h, 512);
        buf_printf(&h, "%s%s%s", h_sib ? "sibling " : "", h_sens ? "sensitive " : "",
                   h_write ? "write " : "");
        h.data[h.len - 1] = '\0';
        ss_finding *f = spec_emit(
            c, "SS-SPEC-UNPROTECTED-OP", h_sib ? CONF_FIRM : CONF_TENTATIVE, op->line,
            "%s%s%s%s requires no authentication%s, although %zu of %zu operations do "
            "(heuristic: %s).",
            spec_op_label(op, label, sizeof label), op->op_id ? " (" : "",
            op->op_id ? op->op_id : "", op->op_id ? ")" : "",
            op->security_explicit ? " (explicitly marked public)" : "", secured, d->n_ops, h.data);
        if (h_sib)
            finding_evidence(f, "sibling: another method on %.200s requires authentication",
                             op->path);
        if (h_sens)
            finding_evidence(f, "sensitive: the path or operationId names account, admin, "
                                "profile, payment or similar data");
        if (h_write)
            finding_evidence(f,
                             "write: %s changes state in an API where most operations are "
                             "protected",
                             label);
        buf_free(&h);
    }
    spec_outcome_set(o, CHECK_PASS, "%zu of %zu operations protected; %zu flagged%s", secured,
                     d->n_ops, flagged, flagged > MAX_FINDINGS ? " (first 100 reported)" : "");
}
