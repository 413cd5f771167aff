/* The store findings from synthetic tallies: each rule raised when it should, with the right
 * confidence, and absent when the table is sound. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/store_tally.h"

#include <stdlib.h>
#include <string.h>

#define NOW 1700000000.0
#define HOUR 3600.0

typedef struct {
    store_stats st;
    store_tally t;
    ss_report r;
} fixture;

static void start(fixture *f, const char *ttl_status, const char *ttl_attr)
{
    memset(f, 0, sizeof *f);
    store_opts o;
    memset(&o, 0, sizeof o);
    store_layout_for_key("sessionId", &o, &f->st.layout);
    f->st.ttl_status = strdup(ttl_status);
    f->st.ttl_attr = ttl_attr ? strdup(ttl_attr) : NULL;
    f->st.ttl_enabled = strcmp(ttl_status, "ENABLED") == 0;
    tally_init(&f->t, &f->st, &f->st.layout, f->st.ttl_enabled ? ttl_attr : NULL, NOW, 100);
    report_init(&f->r, "store", "sessions");
}

static void add(fixture *f, const char *id, const char *user, double issued, double expiry,
                store_ttl_value ttl)
{
    store_item it = {.id = (char *)id,
                     .user = (char *)user,
                     .has_issued = issued > 0,
                     .issued = issued,
                     .has_expiry = expiry > 0,
                     .expiry = expiry,
                     .ttl = ttl};
    tally_item(&f->t, &it);
}

static void finish(fixture *f)
{
    tally_finish(&f->t);
    store_report_findings("sessions", &f->st, &f->t, NOW, &f->r);
}

static const ss_finding *find(const fixture *f, const char *id)
{
    for (size_t i = 0; i < f->r.n_findings; i++)
        if (strcmp(f->r.findings[i].rule->id, id) == 0) return &f->r.findings[i];
    return NULL;
}

static void stop(fixture *f)
{
    tally_free(&f->t);
    store_stats_free(&f->st);
    report_free(&f->r);
}

static void sound_table_has_no_finding(void **state)
{
    (void)state;
    fixture f;
    start(&f, "ENABLED", "expiresAt");
    add(&f, "aaaaaaaaaaaaaaaaaaaa", "alice", NOW - HOUR, NOW + HOUR, TTL_VALUE_OK);
    add(&f, "bbbbbbbbbbbbbbbbbbbb", NULL, NOW - HOUR, NOW + HOUR, TTL_VALUE_OK);
    finish(&f);
    assert_int_equal(f.r.n_findings, 0);
    assert_int_equal(f.r.n_checks, 3);
    for (size_t i = 0; i < f.r.n_checks; i++)
        assert_int_equal(f.r.checks[i].status, CHECK_PASS);
    stop(&f);
}

static void ttl_off_and_missing_attributes(void **state)
{
    (void)state;
    fixture f;
    start(&f, "DISABLED", NULL);
    add(&f, "aaaaaaaaaaaaaaaaaaaa", "alice", 0, NOW + HOUR, TTL_VALUE_OK);
    add(&f, "bbbbbbbbbbbbbbbbbbbb", "bob", NOW - HOUR, 0, TTL_VALUE_OK);
    finish(&f);
    const ss_finding *ttl = find(&f, "SS-STORE-NO-TTL"), *attrs = find(&f, "SS-STORE-ATTRS");
    assert_non_null(ttl);
    assert_non_null(strstr(ttl->message, "DISABLED"));
    assert_non_null(attrs);
    assert_int_equal(attrs->confidence, CONF_FIRM);
    assert_non_null(strstr(attrs->message, "1 of 2 without an expiry"));
    /* Samples are shortened keys, never whole. */
    int sampled = 0;
    for (size_t i = 0; i < attrs->n_evidence; i++) {
        assert_null(strstr(attrs->evidence[i], "aaaaaaaaaaaaaaaaaaaa"));
        sampled |= strstr(attrs->evidence[i], "aaaa\xe2\x80\xa6"
                                              "aaaa") != NULL;
    }
    assert_true(sampled);
    assert_null(find(&f, "SS-STORE-STALE"));
    stop(&f);
}

static void only_anonymous_items_are_tentative(void **state)
{
    (void)state;
    fixture f;
    start(&f, "ENABLED", "expiresAt");
    add(&f, "aaaaaaaaaaaaaaaaaaaa", NULL, NOW - HOUR, NOW + HOUR, TTL_VALUE_OK);
    finish(&f);
    const ss_finding *attrs = find(&f, "SS-STORE-ATTRS");
    assert_non_null(attrs);
    assert_int_equal(attrs->confidence, CONF_TENTATIVE);
    assert_null(find(&f, "SS-STORE-NO-TTL"));
    stop(&f);
}

static void ttl_lag_makes_stale_tentative(void **state)
{
    (void)state;
    fixture f;
    start(&f, "ENABLED", "expiresAt");
    add(&f, "aaaaaaaaaaaaaaaaaaaa", "alice", NOW - 3 * HOUR, NOW - HOUR, TTL_VALUE_OK);
    finish(&f);
    const ss_finding *stale = find(&f, "SS-STORE-STALE");
    assert_non_null(stale);
    assert_int_equal(stale->confidence, CONF_TENTATIVE);
    stop(&f);

    start(&f, "ENABLED", "expiresAt");
    add(&f, "aaaaaaaaaaaaaaaaaaaa", "alice", NOW - 100 * HOUR, NOW - 72 * HOUR, TTL_VALUE_OK);
    finish(&f);
    stale = find(&f, "SS-STORE-STALE");
    assert_non_null(stale);
    assert_int_equal(stale->confidence, CONF_FIRM);
    assert_non_null(strstr(stale->message, "3d 0h ago"));
    stop(&f);
}

static void ttl_on_an_attribute_items_lack(void **state)
{
    (void)state;
    fixture f;
    start(&f, "ENABLED", "ttl");
    add(&f, "aaaaaaaaaaaaaaaaaaaa", "alice", NOW - HOUR, NOW + HOUR, TTL_VALUE_MISSING);
    add(&f, "bbbbbbbbbbbbbbbbbbbb", "alice", NOW - HOUR, NOW + HOUR, TTL_VALUE_UNUSABLE);
    add(&f, "cccccccccccccccccccc", "alice", NOW - HOUR, NOW + HOUR, TTL_VALUE_OK);
    finish(&f);
    const ss_finding *ttl = find(&f, "SS-STORE-NO-TTL");
    assert_non_null(ttl);
    assert_non_null(strstr(ttl->message, "1 of 3 items do not carry it and 1 hold it"));
    assert_null(find(&f, "SS-STORE-ATTRS"));
    assert_int_equal(f.st.max_per_user, 3);
    stop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sound_table_has_no_finding),
        cmocka_unit_test(ttl_off_and_missing_attributes),
        cmocka_unit_test(only_anonymous_items_are_tentative),
        cmocka_unit_test(ttl_lag_makes_stale_tentative),
        cmocka_unit_test(ttl_on_an_attribute_items_lack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
