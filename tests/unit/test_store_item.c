/* Session items through a layout: recognition, user binding (also inside connect-dynamodb's
 * JSON), times in every shape, shortening, cookie values to keys, and the tally's bounds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/store_item.h"
#include "store/store_tally.h"

#include <stdlib.h>
#include <string.h>

static json_t *js(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    assert_non_null(j);
    return j;
}

static void layouts_are_recognised(void **state)
{
    (void)state;
    store_opts o;
    memset(&o, 0, sizeof o);
    store_layout l;
    store_layout_for_key("sessionId", &o, &l);
    assert_int_equal(l.kind, STORE_LAYOUT_SEED);
    assert_string_equal(l.expiry_attr, "expiresAt");
    assert_string_equal(l.user_attr, "userId");
    assert_null(l.sess_attr);
    store_layout_free(&l);
    store_layout_for_key("id", &o, &l);
    assert_int_equal(l.kind, STORE_LAYOUT_CONNECT);
    assert_string_equal(l.id_prefix, "sess:");
    assert_string_equal(l.expiry_attr, "expires");
    assert_string_equal(l.sess_attr, "sess");
    store_layout_free(&l);
    o.expiry_attr = "ttl";
    o.user_attr = "owner";
    store_layout_for_key("pk", &o, &l);
    assert_int_equal(l.kind, STORE_LAYOUT_GENERIC);
    assert_string_equal(l.id_attr, "pk");
    assert_string_equal(l.expiry_attr, "ttl");
    assert_string_equal(l.user_attr, "owner");
    store_layout_free(&l);
}

static void seed_item_is_read(void **state)
{
    (void)state;
    store_opts o;
    memset(&o, 0, sizeof o);
    store_layout l;
    store_layout_for_key("sessionId", &o, &l);
    json_t *item = js("{\"sessionId\":{\"S\":\"abc\"},\"userId\":{\"S\":\"alice\"},"
                      "\"issuedAt\":{\"N\":\"1700000000\"},\"expiresAt\":{\"N\":\"1700007200\"}}");
    store_item it;
    store_item_extract(&l, "expiresAt", item, &it);
    assert_string_equal(it.id, "abc");
    assert_string_equal(it.user, "alice");
    assert_true(it.has_issued && it.issued == 1700000000.0);
    assert_true(it.has_expiry && it.expiry == 1700007200.0);
    assert_int_equal(it.ttl, TTL_VALUE_OK);
    store_item_free(&it);
    json_decref(item);

    /* Anonymous, expiry in ms (TTL unusable), issue time as a string of garbage. */
    item = js("{\"sessionId\":{\"S\":\"x\"},\"issuedAt\":{\"S\":\"soon\"},"
              "\"expiresAt\":{\"N\":\"1700007200000\"}}");
    store_item_extract(&l, "expiresAt", item, &it);
    assert_null(it.user);
    assert_false(it.has_issued);
    assert_true(it.has_expiry && it.expiry == 1700007200.0);
    assert_int_equal(it.ttl, TTL_VALUE_UNUSABLE);
    store_item_free(&it);
    store_item_extract(&l, "ttl", item, &it);
    assert_int_equal(it.ttl, TTL_VALUE_MISSING);
    store_item_free(&it);
    json_decref(item);

    /* Not an object at all, or a key of the wrong type: nothing, no crash. */
    item = js("[1,2]");
    store_item_extract(&l, NULL, item, &it);
    assert_null(it.id);
    store_item_free(&it);
    json_decref(item);
    item = js("{\"sessionId\":{\"BOOL\":true},\"userId\":{\"M\":{}}}");
    store_item_extract(&l, NULL, item, &it);
    assert_null(it.id);
    assert_null(it.user);
    store_item_free(&it);
    json_decref(item);
    store_layout_free(&l);
}

static void connect_item_is_read(void **state)
{
    (void)state;
    store_opts o;
    memset(&o, 0, sizeof o);
    store_layout l;
    store_layout_for_key("id", &o, &l);
    json_t *item = js("{\"id\":{\"S\":\"sess:AbC\"},\"expires\":{\"N\":\"1700007200\"},"
                      "\"sess\":{\"S\":\"{\\\"cookie\\\":{},\\\"passport\\\":{\\\"user\\\":"
                      "{\\\"id\\\":42}}}\"}}");
    store_item it;
    store_item_extract(&l, NULL, item, &it);
    assert_string_equal(it.id, "AbC");
    assert_string_equal(it.user, "42");
    assert_false(it.has_issued);
    store_item_free(&it);
    json_decref(item);
    /* The remediation: the application keeps issuedAt inside the session. */
    item = js("{\"id\":{\"S\":\"sess:AbC\"},\"sess\":{\"S\":\"{\\\"user\\\":\\\"bob\\\","
              "\\\"issuedAt\\\":1700000000000}\"}}");
    store_item_extract(&l, NULL, item, &it);
    assert_string_equal(it.user, "bob");
    assert_true(it.has_issued && it.issued == 1700000000.0);
    store_item_free(&it);
    json_decref(item);
    item = js("{\"id\":{\"S\":\"sess:AbC\"},\"sess\":{\"S\":\"not json\"}}");
    store_item_extract(&l, NULL, item, &it);
    assert_null(it.user);
    assert_false(it.has_expiry);
    store_item_free(&it);
    json_decref(item);
    store_layout_free(&l);
}

static void times_shortening_and_cookies(void **state)
{
    (void)state;
    ddb_value v = {.type = DDB_S, .str = (char *)"2023-11-14T22:13:20Z", .len = 20};
    double t;
    assert_int_equal(store_parse_time(&v, &t), 0);
    assert_true(t == 1700000000.0);
    v.str = (char *)"2023-11-14T23:13:20+01:00";
    v.len = strlen(v.str);
    assert_int_equal(store_parse_time(&v, &t), 0);
    assert_true(t == 1700000000.0);
    v.str = (char *)"2023-13-14";
    v.len = strlen(v.str);
    assert_int_equal(store_parse_time(&v, &t), -1);
    v.str = (char *)"1700000000";
    v.len = strlen(v.str);
    assert_int_equal(store_parse_time(&v, &t), 0);

    char *s = store_shorten("3f9a0000000000000000c21e");
    assert_string_equal(s, "3f9a\xe2\x80\xa6"
                           "c21e");
    free(s);
    s = store_shorten("abcdef");
    assert_null(strstr(s, "abcdef"));
    free(s);
    s = store_shorten(NULL);
    assert_non_null(s);
    free(s);

    store_opts o;
    memset(&o, 0, sizeof o);
    store_layout l;
    store_layout_for_key("id", &o, &l);
    char *k = store_key_for_cookie(&l, "s%3AAbC.sig%2Bnature");
    assert_string_equal(k, "sess:AbC");
    free(k);
    store_layout_free(&l);
    store_layout_for_key("sessionId", &o, &l);
    k = store_key_for_cookie(&l, "0123abcd");
    assert_string_equal(k, "0123abcd");
    free(k);
    store_layout_free(&l);
}

static void tally_counts_and_bounds(void **state)
{
    (void)state;
    store_opts o;
    memset(&o, 0, sizeof o);
    store_stats st;
    memset(&st, 0, sizeof st);
    store_layout_for_key("sessionId", &o, &st.layout);
    store_tally t;
    tally_init(&t, &st, &st.layout, NULL, 1000.0, 2);
    store_item items[] = {
        {.id = "aaaaaaaaaaaaaaaa",
         .user = "u1",
         .has_expiry = 1,
         .expiry = 2000,
         .has_issued = 1,
         .issued = 500},
        {.id = "bbbbbbbbbbbbbbbb",
         .user = "u1",
         .has_expiry = 1,
         .expiry = 2000,
         .has_issued = 1,
         .issued = 100},
        {.id = "cccccccccccccccc", .user = "u2", .has_expiry = 1, .expiry = 10},
        {.id = "dddddddddddddddd", .has_issued = 1, .issued = 900},
    };
    for (size_t i = 0; i < 4; i++)
        tally_item(&t, &items[i]);
    tally_finish(&t);
    assert_int_equal(st.items, 4);
    assert_int_equal(st.expired, 1);
    assert_int_equal(st.live, 3);
    assert_int_equal(st.no_expiry, 1);
    assert_int_equal(st.no_issued, 1);
    assert_int_equal(st.anonymous, 1);
    assert_int_equal(st.users, 1); /* u2's only session is expired */
    assert_int_equal(st.max_per_user, 2);
    assert_string_equal(st.busiest_user, "u1");
    assert_true(st.oldest_live_issued == 100);
    assert_int_equal(st.n_keys, 2); /* bounded by max_keys */
    assert_string_equal(t.replay_id, "cccccccccccccccc");
    tally_free(&t);
    store_stats_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layouts_are_recognised),  cmocka_unit_test(seed_item_is_read),
        cmocka_unit_test(connect_item_is_read),    cmocka_unit_test(times_shortening_and_cookies),
        cmocka_unit_test(tally_counts_and_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
