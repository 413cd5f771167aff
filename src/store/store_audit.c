/* store --table: reads the key schema and TTL setting, streams every item through the tally,
 * then turns the figures into findings. Only DescribeTable, DescribeTimeToLive and Scan are
 * sent: the table is never modified. */
#include "cli/commands.h"
#include "store/store.h"
#include "store/store_replay.h"
#include "store/store_scan.h"
#include "store/store_tally.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

ddb_client *store_connect(const store_opts *o, char *err, size_t errlen)
{
    ddb_config cfg = {
        .endpoint = o->endpoint, .region = o->region, .profile = o->profile, .cacert = o->cacert};
    return ddb_client_new(&cfg, err, errlen);
}

int store_layout_detect(ddb_client *c, const store_opts *o, store_layout *layout, char *err,
                        size_t errlen)
{
    json_t *req = json_pack("{s:s}", "TableName", o->table), *resp = NULL;
    ddb_status st = ddb_call(c, DDB_OP_DESCRIBE_TABLE, req, &resp, err, errlen);
    json_decref(req);
    if (st != DDB_OK) return EXIT_INCOMPLETE;
    const char *hash = NULL;
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(json_object_get(resp, "Table"), "KeySchema"), i, k)
    {
        const char *type = json_string_value(json_object_get(k, "KeyType"));
        if (type && strcmp(type, "HASH") == 0)
            hash = json_string_value(json_object_get(k, "AttributeName"));
    }
    if (!hash) {
        snprintf(err, errlen, "DescribeTable for '%.255s' returned no hash key", o->table);
        json_decref(resp);
        return EXIT_INCOMPLETE;
    }
    store_layout_for_key(hash, o, layout);
    json_decref(resp);
    return 0;
}

static int read_ttl(ddb_client *c, const char *table, store_stats *st, char *err, size_t errlen)
{
    json_t *req = json_pack("{s:s}", "TableName", table), *resp = NULL;
    ddb_status s = ddb_call(c, DDB_OP_DESCRIBE_TTL, req, &resp, err, errlen);
    json_decref(req);
    if (s != DDB_OK) return EXIT_INCOMPLETE;
    json_t *d = json_object_get(resp, "TimeToLiveDescription");
    const char *status = json_string_value(json_object_get(d, "TimeToLiveStatus"));
    const char *attr = json_string_value(json_object_get(d, "AttributeName"));
    st->ttl_status = xstrdup(status ? status : "DISABLED");
    st->ttl_attr = attr && *attr ? xstrndup(attr, 255) : NULL;
    st->ttl_enabled = status && (strcmp(status, "ENABLED") == 0 || strcmp(status, "ENABLING") == 0);
    json_decref(resp);
    return 0;
}

static void check_replay(ss_report *r, const store_opts *o, const store_stats *st,
                         const store_tally *t)
{
    if (!o->target || !o->protected_path || !o->cookie) {
        report_check(r, "store.replay", CHECK_SKIPPED,
                     "no --target, --protected and --cookie: expired IDs not replayed");
        return;
    }
    if (!t->replay_id) {
        report_check(r, "store.replay", CHECK_SKIPPED, "no expired item to replay");
        return;
    }
    if (st->layout.kind == STORE_LAYOUT_CONNECT) {
        report_check(r, "store.replay", CHECK_SKIPPED,
                     "express-session cookies are signed (s:<id>.<sig>): replay needs the secret");
        return;
    }
    size_t tl = strlen(o->target);
    while (tl > 0 && o->target[tl - 1] == '/')
        tl--; /* "http://h/" + "/profile" must not become "//profile" */
    char *url = xasprintf("%.*s%s", (int)tl, o->target, o->protected_path);
    replay_result rr;
    int rc = store_replay(url, o->cookie, t->replay_id, o->timeout_ms > 0 ? o->timeout_ms : 10000,
                          o->cacert, &rr);
    char *shortid = store_shorten(t->replay_id);
    if (rc != 0) {
        report_check(r, "store.replay", CHECK_INCONCLUSIVE, "%s", rr.detail);
    } else if (rr.verdict == REPLAY_ACCEPTED) {
        ss_finding *f = report_add(r, "SS-EXPIRY-IGNORED", CONF_CONFIRMED, o->protected_path,
                                   "The server accepted session %s although its item in table "
                                   "'%s' says it expired.",
                                   shortid, o->table);
        finding_evidence(f, "1. an expired item %s is in the table (%s)", shortid,
                         t->replay_bound ? "bound to a user" : "anonymous");
        finding_evidence(f, "2. GET %s with Cookie: %s=%s answered HTTP %ld", url, o->cookie,
                         shortid, rr.expired_status);
        finding_evidence(f, "3. the same request with a never-issued ID answered HTTP %ld",
                         rr.control_status);
        char *repro =
            xasprintf("curl -i -H 'Cookie: %s=<expired-session-id>' '%s'", o->cookie, url);
        finding_set_reproduce(f, repro);
        free(repro);
        report_check(r, "store.replay", CHECK_FAIL, "%s", rr.detail);
    } else if (rr.verdict == REPLAY_REFUSED) {
        report_check(r, "store.replay", CHECK_PASS, "%s", rr.detail);
    } else {
        report_check(r, "store.replay", CHECK_INCONCLUSIVE,
                     "%s (the endpoint also accepts an ID "
                     "it never issued)",
                     rr.detail);
    }
    free(shortid);
    free(url);
}

static json_t *stats_json(const store_opts *o, const store_stats *st)
{
    json_t *j = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:b}", "table", o->table, "layout",
                          store_layout_name(st->layout.kind), "items", (json_int_t)st->items,
                          "live", (json_int_t)st->live, "expired", (json_int_t)st->expired,
                          "anonymous", (json_int_t)st->anonymous, "users", (json_int_t)st->users,
                          "users_with_several_sessions", (json_int_t)st->users_multi,
                          "max_sessions_per_user", (json_int_t)st->max_per_user, "truncated",
                          st->truncated);
    json_object_set_new(j, "ttl",
                        json_pack("{s:s,s:s?}", "status", st->ttl_status ? st->ttl_status : "?",
                                  "attribute", st->ttl_attr));
    if (st->has_oldest_live)
        json_object_set_new(
            j, "oldest_live",
            json_pack("{s:s,s:f}", "key", st->oldest_live_key, "issued", st->oldest_live_issued));
    return j;
}

/* The projection: only what the layout reads, so pages stay small. */
static void projection(const store_layout *l, const char *ttl_attr, const char *out[8])
{
    const char *cand[] = {l->id_attr,     l->expiry_attr,
                          l->issued_attr, l->sess_attr ? NULL : l->user_attr,
                          l->sess_attr,   ttl_attr};
    size_t n = 0;
    for (size_t i = 0; i < sizeof cand / sizeof *cand; i++) {
        int dup = !cand[i];
        for (size_t j = 0; j < n && !dup; j++)
            dup = strcmp(out[j], cand[i]) == 0;
        if (!dup) out[n++] = cand[i];
    }
    out[n] = NULL;
}

static int audit_table(ddb_client *c, const store_opts *o, ss_report *r, store_stats *st, char *err,
                       size_t errlen)
{
    if (store_layout_detect(c, o, &st->layout, err, errlen) != 0 ||
        read_ttl(c, o->table, st, err, errlen) != 0)
        return EXIT_INCOMPLETE;
    double now = (double)(o->now ? o->now : time(NULL));
    const char *ttl_attr = st->ttl_enabled ? st->ttl_attr : NULL;
    store_tally t;
    tally_init(&t, st, &st->layout, ttl_attr, now, o->max_keys ? o->max_keys : 20000);
    const char *attrs[8];
    projection(&st->layout, ttl_attr, attrs);
    store_scan_req rq = {c,
                         o->table,
                         attrs,
                         o->segments,
                         o->page_size,
                         o->max_items,
                         o->max_pages ? o->max_pages : 10000,
                         tally_page,
                         &t};
    store_scan_res res;
    unsigned long before = ddb_client_requests(c);
    ddb_status s = store_scan(&rq, &res, err, errlen);
    st->requests = before + res.requests;
    if (s != DDB_OK) {
        tally_free(&t);
        return EXIT_INCOMPLETE;
    }
    tally_finish(&t);
    st->truncated = res.truncated;
    st->pages = res.pages;
    const char *loc = o->table;
    if (res.truncated)
        report_check(r, "store.scan", CHECK_INCONCLUSIVE,
                     "stopped after %lu items in %lu pages (--max-items/--max-pages): the "
                     "figures are a sample",
                     res.items, res.pages);
    else
        report_check(r, "store.scan", CHECK_PASS, "%lu items in %lu pages", res.items, res.pages);
    store_report_findings(loc, st, &t, now, r);
    check_replay(r, o, st, &t);
    tally_free(&t);
    return 0;
}

int store_audit_stats(const store_opts *o, ss_report *r, store_stats *st, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    if (!o->table || !*o->table) {
        snprintf(err, errlen, "no table given (--table NAME)");
        return EXIT_USAGE;
    }
    ddb_client *c = store_connect(o, err, errlen);
    if (!c) {
        report_set_error(r, "%s", err);
        return EXIT_INCOMPLETE;
    }
    int rc = audit_table(c, o, r, st, err, errlen);
    ddb_client_free(c);
    if (rc != 0) {
        report_set_error(r, "%s", err);
        return rc;
    }
    r->requests += (unsigned)st->requests;
    json_decref(r->extra_json);
    r->extra_json = stats_json(o, st);
    return 0;
}

int store_audit(const store_opts *o, ss_report *r, char *err, size_t errlen)
{
    store_stats st;
    int rc = store_audit_stats(o, r, &st, err, errlen);
    store_stats_free(&st);
    return rc;
}
