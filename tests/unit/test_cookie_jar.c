/* The per-actor cookie jar: storage model and Cookie header of RFC 6265bis §5.7-5.8. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cookie/cookie_match.h"
#include "cookie/jar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 1700000000
#define HOST "app.example.com"

/* Feeds one raw Set-Cookie header; returns jar_store's result (or -2 if unparsable). */
static int feed(ss_jar *j, const char *hdr, const char *req_path, bool secure, time_t now)
{
    ss_setcookie c;
    if (setcookie_parse(hdr, strlen(hdr), &c) != 0) return -2;
    int rc = jar_store(j, &c, HOST, req_path, secure, now);
    setcookie_free(&c);
    return rc;
}

static void assert_header(const ss_jar *j, const char *path, bool secure, time_t now,
                          const char *want)
{
    char *h = jar_header(j, path, secure, now);
    assert_string_equal(h, want);
    free(h);
}

static void replace_same_name_and_path(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    assert_int_equal(jar_count(j), 0);
    assert_header(j, "/", false, NOW, "");
    assert_int_equal(feed(j, "sid=one; Path=/", "/login", false, NOW), 0);
    assert_int_equal(feed(j, "csrf=t; Path=/", "/login", false, NOW), 0);
    assert_int_equal(feed(j, "sid=two; Path=/", "/login", false, NOW), 0);
    assert_int_equal(jar_count(j), 2);
    assert_string_equal(jar_get(j, "sid"), "two");
    /* replaced in place: creation order kept */
    assert_string_equal(jar_name_at(j, 0), "sid");
    assert_string_equal(jar_value_at(j, 0), "two");
    assert_string_equal(jar_name_at(j, 1), "csrf");
    assert_null(jar_name_at(j, 2));
    assert_null(jar_value_at(j, 2));
    /* a different path is a different cookie */
    assert_int_equal(feed(j, "sid=three; Path=/app", "/", false, NOW), 0);
    assert_int_equal(jar_count(j), 3);
    assert_string_equal(jar_get(j, "sid"), "three"); /* longest path */
    assert_null(jar_get(j, "nope"));
    jar_free(j);
}

static void delete_by_max_age_and_expires(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    feed(j, "sid=one; Path=/", "/", false, NOW);
    feed(j, "keep=1; Path=/", "/", false, NOW);
    assert_int_equal(feed(j, "sid=; Path=/; Max-Age=0", "/", false, NOW), 0);
    assert_null(jar_get(j, "sid"));
    assert_string_equal(jar_get(j, "keep"), "1");
    feed(j, "sid=two; Path=/", "/", false, NOW);
    assert_int_equal(
        feed(j, "sid=x; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "/", false, NOW), 0);
    assert_null(jar_get(j, "sid"));
    /* deleting with another path leaves the original alone, as in a browser */
    feed(j, "sid=three; Path=/", "/", false, NOW);
    feed(j, "sid=; Path=/other; Max-Age=0", "/", false, NOW);
    assert_string_equal(jar_get(j, "sid"), "three");
    /* Max-Age=0 wins over a future Expires */
    feed(j, "sid=; Path=/; Max-Age=0; Expires=Wed, 01 Jan 2048 00:00:00 GMT", "/", false, NOW);
    assert_null(jar_get(j, "sid"));
    assert_int_equal(jar_count(j), 1);
    jar_free(j);
}

static void expiry_over_time(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    feed(j, "short=1; Max-Age=60", "/", false, NOW);
    feed(j, "session=2", "/", false, NOW);
    feed(j, "dated=3; Expires=Tue, 14 Nov 2023 23:13:20 GMT", "/", false, NOW);
    assert_header(j, "/", false, NOW, "short=1; session=2; dated=3");
    assert_header(j, "/", false, NOW + 59, "short=1; session=2; dated=3");
    assert_header(j, "/", false, NOW + 60, "session=2; dated=3");
    assert_header(j, "/", false, NOW + 3600, "session=2");
    /* expired cookies are evicted by the next store */
    feed(j, "other=4", "/", false, NOW + 3600);
    assert_int_equal(jar_count(j), 2);
    assert_null(jar_get(j, "short"));
    jar_free(j);
}

static void path_matching_and_default_path(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    feed(j, "root=r; Path=/", "/", false, NOW);
    feed(j, "app=a; Path=/app", "/", false, NOW);
    feed(j, "slash=s; Path=/app/", "/", false, NOW);
    feed(j, "dflt=d", "/app/api/login?next=/x", false, NOW);  /* default-path /app/api */
    feed(j, "rel=x; Path=api", "/app/api/login", false, NOW); /* invalid Path -> /app/api */
    assert_header(j, "/app/api/me", false, NOW, "dflt=d; rel=x; slash=s; app=a; root=r");
    assert_header(j, "/app", false, NOW, "app=a; root=r");
    assert_header(j, "/app/", false, NOW, "slash=s; app=a; root=r");
    assert_header(j, "/apple", false, NOW, "root=r");
    assert_header(j, "/app?x=/app/api/y", false, NOW, "app=a; root=r");
    assert_header(j, "/app/api", false, NOW, "dflt=d; rel=x; slash=s; app=a; root=r");
    assert_header(j, "", false, NOW, "root=r");
    assert_header(j, NULL, false, NOW, "root=r");
    jar_free(j);

    char *p = cookie_default_path("/login");
    assert_string_equal(p, "/");
    free(p);
    p = cookie_default_path("/a/b/c");
    assert_string_equal(p, "/a/b");
    free(p);
    p = cookie_default_path("noslash");
    assert_string_equal(p, "/");
    free(p);
    p = cookie_default_path("/a/b?c=/d/e");
    assert_string_equal(p, "/a");
    free(p);
    assert_true(cookie_path_match("/a/b", "/a"));
    assert_false(cookie_path_match("/ab", "/a"));
    assert_true(cookie_path_match("/a/", "/a/"));
    assert_false(cookie_path_match("/a", "/a/"));
}

static void secure_cookies_need_secure_origin(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    assert_int_equal(feed(j, "s=1; Secure", "/", false, NOW), -1);
    assert_int_equal(jar_count(j), 0);
    assert_int_equal(feed(j, "s=1; Secure", "/", true, NOW), 0);
    assert_int_equal(feed(j, "p=2", "/", true, NOW), 0);
    assert_header(j, "/", true, NOW, "s=1; p=2");
    assert_header(j, "/", false, NOW, "p=2"); /* never sent in clear */
    /* plain http may not overwrite or shadow a Secure cookie of the same name */
    assert_int_equal(feed(j, "s=evil", "/", false, NOW), -1);
    assert_int_equal(feed(j, "s=evil; Path=/deeper", "/", false, NOW), -1);
    assert_string_equal(jar_get(j, "s"), "1");
    ss_setcookie c;
    const char *why = NULL;
    setcookie_parse("s=2; Secure", 11, &c);
    assert_int_equal(jar_store_why(j, &c, HOST, "/", false, NOW, &why), -1);
    assert_non_null(strstr(why, "non-secure"));
    assert_int_equal(jar_store_why(j, &c, HOST, "/", true, NOW, &why), 0);
    assert_null(why);
    setcookie_free(&c);
    jar_free(j);
}

static void domain_scope(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    assert_int_equal(feed(j, "a=1; Domain=example.com", "/", false, NOW), 0);
    assert_int_equal(feed(j, "b=1; Domain=.APP.example.com", "/", false, NOW), 0);
    assert_int_equal(feed(j, "c=1; Domain=other.com", "/", false, NOW), -1);
    assert_int_equal(feed(j, "d=1; Domain=ple.com", "/", false, NOW), -1);
    assert_int_equal(feed(j, "e=1; Domain=x.app.example.com", "/", false, NOW), -1);
    assert_int_equal(jar_count(j), 2);
    /* a domain cookie and a host-only cookie of the same name are two cookies */
    assert_int_equal(feed(j, "a=2", "/", false, NOW), 0);
    assert_header(j, "/", false, NOW, "a=1; b=1; a=2");
    jar_free(j);

    /* IP hosts: exact match only */
    j = jar_new();
    ss_setcookie c;
    setcookie_parse("a=1; Domain=127.0.0.1", 21, &c);
    assert_int_equal(jar_store(j, &c, "127.0.0.1", "/", false, NOW), 0);
    setcookie_free(&c);
    setcookie_parse("b=1; Domain=0.0.1", 17, &c);
    assert_int_equal(jar_store(j, &c, "127.0.0.1", "/", false, NOW), -1);
    setcookie_free(&c);
    assert_int_equal(jar_count(j), 1);
    jar_free(j);
    assert_true(cookie_host_is_ip("10.0.0.1"));
    assert_true(cookie_host_is_ip("::1"));
    assert_false(cookie_host_is_ip("1.2.3"));
    assert_false(cookie_host_is_ip("a.example.com"));
}

static void prefix_rules_enforced(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    assert_int_equal(feed(j, "__Host-sid=1; Secure; Path=/", "/", true, NOW), 0);
    assert_int_equal(feed(j, "__Host-bad=1; Secure; Path=/x", "/", true, NOW), -1);
    assert_int_equal(feed(j, "__Secure-bad=1", "/", true, NOW), -1);
    assert_int_equal(feed(j, "=__Host-x", "/", true, NOW), -1);
    assert_int_equal(feed(j, "=plain", "/", true, NOW), 0);
    /* SameSite is not applied: the scanner's requests are all same-site */
    assert_int_equal(feed(j, "n=1; SameSite=None", "/", true, NOW), 0);
    assert_header(j, "/", true, NOW, "__Host-sid=1; plain; n=1");
    jar_free(j);
}

static void manual_set_and_remove(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    feed(j, "sid=server; Path=/", "/", false, NOW);
    feed(j, "sid=deep; Path=/app", "/", false, NOW);
    feed(j, "other=o", "/", false, NOW);
    jar_set(j, "sid", "planted");
    assert_string_equal(jar_get(j, "sid"), "planted");
    assert_header(j, "/app/x", false, NOW, "other=o; sid=planted");
    /* the server's next Set-Cookie for the same slot replaces the planted one */
    feed(j, "sid=rotated; Path=/", "/login", false, NOW);
    assert_header(j, "/", false, NOW, "other=o; sid=rotated");
    assert_int_equal(jar_count(j), 2);
    jar_remove(j, "sid");
    assert_null(jar_get(j, "sid"));
    assert_int_equal(jar_count(j), 1);
    jar_remove(j, "absent");
    assert_int_equal(jar_count(j), 1);
    jar_free(j);
    jar_free(NULL);
}

static void clone_is_independent(void **state)
{
    (void)state;
    ss_jar *a = jar_new();
    feed(a, "sid=s0", "/", false, NOW);
    feed(a, "x=1", "/", false, NOW);
    ss_jar *b = jar_clone(a);
    jar_set(b, "sid", "s1");
    feed(b, "y=2", "/", false, NOW);
    jar_remove(a, "x");
    assert_string_equal(jar_get(a, "sid"), "s0");
    assert_null(jar_get(a, "y"));
    assert_int_equal(jar_count(a), 1);
    assert_string_equal(jar_get(b, "sid"), "s1");
    assert_string_equal(jar_get(b, "x"), "1");
    assert_int_equal(jar_count(b), 3);
    jar_free(a);
    assert_string_equal(jar_get(b, "x"), "1"); /* no storage shared with a */
    jar_free(b);
}

static void header_order_longest_path_then_creation(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    feed(j, "a=1; Path=/", "/", false, NOW);
    feed(j, "b=2; Path=/x/y", "/", false, NOW);
    feed(j, "c=3; Path=/x", "/", false, NOW);
    feed(j, "d=4; Path=/", "/", false, NOW);
    feed(j, "e=5; Path=/x/z", "/", false, NOW); /* same length as /x/y, created later */
    feed(j, "f=6; Path=/x/y", "/", false, NOW);
    assert_header(j, "/x/y/z", false, NOW, "b=2; f=6; c=3; a=1; d=4");
    assert_header(j, "/x/z", false, NOW, "e=5; c=3; a=1; d=4");
    jar_free(j);
}

static void capped_at_200_oldest_evicted(void **state)
{
    (void)state;
    ss_jar *j = jar_new();
    char hdr[32];
    for (int i = 0; i < JAR_MAX_COOKIES + 5; i++) {
        snprintf(hdr, sizeof hdr, "c%d=%d", i, i);
        assert_int_equal(feed(j, hdr, "/", false, NOW), 0);
    }
    assert_int_equal(jar_count(j), JAR_MAX_COOKIES);
    assert_null(jar_get(j, "c0"));
    assert_null(jar_get(j, "c4"));
    assert_string_equal(jar_get(j, "c5"), "5");
    assert_string_equal(jar_name_at(j, 0), "c5");
    assert_string_equal(jar_get(j, "c204"), "204");
    jar_set(j, "planted", "p");
    assert_int_equal(jar_count(j), JAR_MAX_COOKIES);
    assert_null(jar_get(j, "c5"));
    jar_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replace_same_name_and_path),
        cmocka_unit_test(delete_by_max_age_and_expires),
        cmocka_unit_test(expiry_over_time),
        cmocka_unit_test(path_matching_and_default_path),
        cmocka_unit_test(secure_cookies_need_secure_origin),
        cmocka_unit_test(domain_scope),
        cmocka_unit_test(prefix_rules_enforced),
        cmocka_unit_test(manual_set_and_remove),
        cmocka_unit_test(clone_is_independent),
        cmocka_unit_test(header_order_longest_path_then_creation),
        cmocka_unit_test(capped_at_200_oldest_evicted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
