/* Gray-box (scan --dynamodb-table): after the victim's login, what does the session table hold for
 * the pre-login ID? Bound to the user = fixation confirmed at the store; still there after
 * rotation = SS-STORE-ORPHAN. Strictly read-only (GetItem). */
#include "checks/check.h"
#include "flow/steps.h"
#include "store/store.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static ss_finding *find(ss_report *r, const char *rule)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (strcmp(r->findings[i].rule->id, rule) == 0)
            return &r->findings[i];
    return NULL;
}

static ss_check_status judge(ss_scan *s, ddb_client *c, const store_layout *layout, ss_buf *why)
{
    char err[512];
    store_id_result res;
    memset(&res, 0, sizeof res);
    bool rotated = s->s1 && strcmp(s->s0, s->s1) != 0;
    int rc = rotated ? store_check_orphan(c, s->cfg->dynamodb_table, layout, s->s0, s->s1,
                                          s->report, &res, err, sizeof err)
                     : store_inspect_id(c, s->cfg->dynamodb_table, layout, s->s0, &res, err,
                                        sizeof err);
    if (rc != 0) {
        buf_printf(why, "%s", err);
        return CHECK_INCONCLUSIVE;
    }
    char *s0 = redact_id(s->s0);
    ss_check_status st = CHECK_PASS;
    ss_finding *fix = find(s->report, "SS-FIX-CONFIRMED");
    ss_finding *old = find(s->report, "SS-OLD-ID-ALIVE");
    if (res.state == STORE_ID_BOUND) {
        if (fix)
            finding_evidence(fix, "store: the item of the pre-login ID %s in table %s is now bound "
                                  "to user '%s'",
                             s0, s->cfg->dynamodb_table, res.user ? res.user : "?");
        buf_printf(why, "the pre-login item %s is bound to the user at the store", s0);
        st = CHECK_FAIL;
    } else if (res.state == STORE_ID_ANONYMOUS) {
        if (old)
            finding_evidence(old, "store: the pre-login item %s is still in table %s (anonymous)",
                             s0, s->cfg->dynamodb_table);
        buf_printf(why, "the pre-login item %s is still in the table%s", s0,
                   rotated ? " after rotation" : "");
        st = rotated ? CHECK_FAIL : CHECK_PASS;
    } else {
        buf_printf(why, "the pre-login item %s is gone from the table", s0);
    }
    free(s0);
    store_id_result_free(&res);
    return st;
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (!s->cfg->dynamodb_table) {
        buf_puts(why, "no --dynamodb-table given");
        return CHECK_SKIPPED;
    }
    if (step_victim_login(s) != 0 || !s->s0) {
        buf_puts(why, s->s0 ? "the victim's login did not hold" : "no pre-login session to look up");
        return s->s0 ? CHECK_INCONCLUSIVE : CHECK_SKIPPED;
    }
    store_opts o;
    memset(&o, 0, sizeof o);
    o.table = s->cfg->dynamodb_table;
    o.endpoint = s->cfg->endpoint_url;
    o.region = s->cfg->region;
    o.profile = s->cfg->aws_profile;
    char err[512];
    ddb_client *c = store_connect(&o, err, sizeof err);
    store_layout layout;
    memset(&layout, 0, sizeof layout);
    ss_check_status st = CHECK_INCONCLUSIVE;
    if (!c)
        buf_printf(why, "%s", err);
    else if (store_layout_detect(c, &o, &layout, err, sizeof err) != 0)
        buf_printf(why, "%s", err);
    else
        st = judge(s, c, &layout, why);
    store_layout_free(&layout);
    ddb_client_free(c);
    return st;
}

const ss_check check_store_proof = {
    "store",
    "the pre-login session at the DynamoDB store (with --dynamodb-table)",
    "SS-STORE-ORPHAN",
    run,
};
