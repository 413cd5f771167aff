/* store_inspect_id and store_check_orphan against a live DynamoDB-compatible endpoint. Without
 * SS_STORE_TEST_ENDPOINT the live tests are skipped (tests/integration/test_store_inspect.sh
 * runs this program against the lab with S0/S1 from a real login). Offline: argument checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static const char *env(const char *name)
{
    return getenv(name);
}

static ddb_client *connect_or_skip(store_opts *o, store_layout *l)
{
    if (!env("SS_STORE_TEST_ENDPOINT")) skip();
    memset(o, 0, sizeof *o);
    o->endpoint = env("SS_STORE_TEST_ENDPOINT");
    o->table = env("SS_STORE_TEST_TABLE");
    char err[512];
    ddb_client *c = store_connect(o, err, sizeof err);
    if (!c) fail_msg("%s", err);
    if (store_layout_detect(c, o, l, err, sizeof err) != 0) fail_msg("%s", err);
    return c;
}

static void ids_are_classified(void **state)
{
    (void)state;
    store_opts o;
    store_layout l;
    ddb_client *c = connect_or_skip(&o, &l);
    char err[512];
    store_id_result res;
    assert_int_equal(
        store_inspect_id(c, o.table, &l, env("SS_STORE_TEST_S1"), &res, err, sizeof err), 0);
    assert_int_equal(res.state, STORE_ID_BOUND);
    assert_string_equal(res.user, "alice");
    assert_true(res.has_expiry);
    assert_false(res.expired);
    store_id_result_free(&res);
    assert_int_equal(
        store_inspect_id(c, o.table, &l, "00000000000000000000000000000000", &res, err, sizeof err),
        0);
    assert_int_equal(res.state, STORE_ID_ABSENT);
    assert_null(res.user);
    /* A missing table is an incomplete run, not "absent". */
    assert_int_equal(store_inspect_id(c, "no-such-table", &l, "x", &res, err, sizeof err), 3);
    assert_non_null(strstr(err, "not found"));
    assert_int_equal(store_inspect_id(c, o.table, &l, "", &res, err, sizeof err), 2);
    store_layout_free(&l);
    ddb_client_free(c);
}

static void orphan_is_reported_as_expected(void **state)
{
    (void)state;
    store_opts o;
    store_layout l;
    ddb_client *c = connect_or_skip(&o, &l);
    int expect_orphan = strcmp(env("SS_STORE_TEST_EXPECT"), "orphan") == 0;
    ss_report r;
    report_init(&r, "scan", "lab");
    store_id_result s0;
    char err[512];
    assert_int_equal(store_check_orphan(c, o.table, &l, env("SS_STORE_TEST_S0"),
                                        env("SS_STORE_TEST_S1"), &r, &s0, err, sizeof err),
                     0);
    assert_int_equal(report_has(&r, "SS-STORE-ORPHAN"), expect_orphan);
    assert_int_equal(s0.state, expect_orphan ? STORE_ID_ANONYMOUS : STORE_ID_ABSENT);
    if (expect_orphan) {
        const char *s0id = env("SS_STORE_TEST_S0");
        assert_null(strstr(r.findings[0].message, s0id)); /* shortened, never whole */
    }
    store_id_result_free(&s0);
    report_free(&r);
    store_layout_free(&l);
    ddb_client_free(c);
}

static void bad_endpoint_is_refused(void **state)
{
    (void)state;
    store_opts o;
    memset(&o, 0, sizeof o);
    o.endpoint = "ftp://127.0.0.1:1/";
    o.table = "t";
    setenv("AWS_ACCESS_KEY_ID", "AKIDX", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "x", 1);
    char err[512];
    assert_null(store_connect(&o, err, sizeof err));
    assert_non_null(strstr(err, "http:// or https://"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_endpoint_is_refused),
        cmocka_unit_test(ids_are_classified),
        cmocka_unit_test(orphan_is_reported_as_expected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
