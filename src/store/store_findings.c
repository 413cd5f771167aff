/* The store findings from an audit's tally: SS-STORE-NO-TTL, SS-STORE-ATTRS, SS-STORE-STALE. */
#include "store/store_tally.h"

#include <stdio.h>
#include <string.h>

#define TTL_LAG_SECONDS (48 * 3600) /* DynamoDB deletes expired items "within a few days" */

static void age(char *out, size_t n, double seconds)
{
    long s = seconds < 0 ? 0 : (long)seconds;
    if (s >= 86400)
        snprintf(out, n, "%ldd %ldh", s / 86400, s % 86400 / 3600);
    else if (s >= 3600)
        snprintf(out, n, "%ldh %ldm", s / 3600, s % 3600 / 60);
    else
        snprintf(out, n, "%lds", s);
}

static void add_samples(ss_finding *f, const char *what, const store_tally *t, sample_kind k)
{
    if (!t->n_samples[k]) return;
    char list[128] = "";
    for (size_t i = 0; i < t->n_samples[k]; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", t->samples[k][i]);
    }
    finding_evidence(f, "%s, e.g. %s", what, list);
}

static void check_ttl(ss_report *r, const char *loc, const store_stats *st, const store_tally *t)
{
    const store_layout *l = &st->layout;
    ss_finding *f = NULL;
    if (!st->ttl_enabled) {
        f = report_add(r, "SS-STORE-NO-TTL", CONF_FIRM, loc,
                       "Time To Live is %s on the session table: DynamoDB never deletes expired "
                       "session items (%lu scanned, %lu already expired).",
                       st->ttl_status, st->items, st->expired);
        finding_evidence(f, "DescribeTimeToLive: TimeToLiveStatus=%s", st->ttl_status);
    } else if (st->ttl_missing || st->ttl_unusable) {
        f = report_add(r, "SS-STORE-NO-TTL", CONF_FIRM, loc,
                       "Time To Live is on attribute '%s', but %lu of %lu items do not carry it "
                       "and %lu hold it as a string or in milliseconds: those items are never "
                       "deleted.",
                       st->ttl_attr, st->ttl_missing, st->items, st->ttl_unusable);
        finding_evidence(f, "DescribeTimeToLive: TimeToLiveStatus=%s AttributeName=%s",
                         st->ttl_status, st->ttl_attr);
        if (strcmp(st->ttl_attr, l->expiry_attr) != 0)
            finding_evidence(f, "the items' expiry is in '%s', not in the TTL attribute",
                             l->expiry_attr);
        add_samples(f, "items without the TTL attribute", t, SAMPLE_TTL_MISSING);
        add_samples(f, "items with an unusable TTL value", t, SAMPLE_TTL_UNUSABLE);
    }
    if (f)
        report_check(r, "store.ttl", CHECK_FAIL, "TTL %s%s%s", st->ttl_status,
                     st->ttl_attr ? " on " : "", st->ttl_attr ? st->ttl_attr : "");
    else
        report_check(r, "store.ttl", CHECK_PASS, "TTL %s on %s, carried by every item",
                     st->ttl_status, st->ttl_attr ? st->ttl_attr : "?");
}

static void check_attrs(ss_report *r, const char *loc, const store_stats *st, const store_tally *t)
{
    const store_layout *l = &st->layout;
    /* Anonymous (pre-login) items are normal; a table where no item is bound is not. */
    int no_binding = st->items > 0 && st->bound == 0;
    if (!st->no_expiry && !st->no_issued && !no_binding) {
        report_check(r, "store.attrs", CHECK_PASS, "%lu items carry %s and %s; %lu bound to a user",
                     st->items, l->expiry_attr, l->issued_attr, st->bound);
        return;
    }
    ss_confidence conf = st->no_expiry || st->no_issued ? CONF_FIRM : CONF_TENTATIVE;
    ss_finding *f = report_add(
        r, "SS-STORE-ATTRS", conf, loc,
        "Session items lack what server-side validation needs: %lu of %lu without an expiry "
        "('%s'), %lu without an issue time ('%s'), %lu not bound to a user.",
        st->no_expiry, st->items, l->expiry_attr, st->no_issued, l->issued_attr, st->anonymous);
    finding_evidence(f, "layout: %s", store_layout_name(l->kind));
    add_samples(f, "items without an expiry", t, SAMPLE_NO_EXPIRY);
    add_samples(f, "items without an issue time", t, SAMPLE_NO_ISSUED);
    if (no_binding) add_samples(f, "no item is bound to a user", t, SAMPLE_ANONYMOUS);
    report_check(r, "store.attrs", CHECK_FAIL, "missing attributes");
}

static void check_stale(ss_report *r, const char *loc, const store_stats *st, const store_tally *t,
                        double now)
{
    if (!st->expired) {
        report_check(r, "store.stale", CHECK_PASS, "no expired item among %lu", st->items);
        return;
    }
    char ago[32];
    double oldest = now - st->oldest_expired_expiry;
    age(ago, sizeof ago, oldest);
    /* With TTL on, items expired within the deletion lag are expected to linger. */
    ss_confidence conf = st->ttl_enabled && oldest < TTL_LAG_SECONDS ? CONF_TENTATIVE : CONF_FIRM;
    ss_finding *f = report_add(r, "SS-STORE-STALE", conf, loc,
                               "%lu of %lu session items are past their expiry but still in the "
                               "table (the oldest expired %s ago).",
                               st->expired, st->items, ago);
    add_samples(f, "expired items", t, SAMPLE_EXPIRED);
    if (conf == CONF_TENTATIVE)
        finding_evidence(f, "TTL is on: DynamoDB deletes expired items lazily, typically within "
                            "48 hours; these may still go");
    report_check(r, "store.stale", CHECK_FAIL, "%lu expired items", st->expired);
}

void store_report_findings(const char *loc, const store_stats *st, const store_tally *t, double now,
                           ss_report *r)
{
    check_ttl(r, loc, st, t);
    check_attrs(r, loc, st, t);
    check_stale(r, loc, st, t, now);
}
