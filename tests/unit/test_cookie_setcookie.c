/* Set-Cookie parsing as a browser does it (RFC 6265bis §5.6) and the cookie-date algorithm. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cookie/cookie_date.h"
#include "cookie/setcookie.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T1994 784111777 /* Sun, 06 Nov 1994 08:49:37 GMT */
#define NOW 1700000000  /* Tue, 14 Nov 2023 22:13:20 GMT */

static ss_setcookie parse_ok(const char *s)
{
    ss_setcookie c;
    int rc = setcookie_parse(s, strlen(s), &c);
    if (rc != 0) fail_msg("expected \"%s\" to parse", s);
    return c;
}

static void assert_rejected(const char *s, size_t len)
{
    ss_setcookie c;
    memset(&c, 0xAB, sizeof c);
    assert_int_equal(setcookie_parse(s, len, &c), -1);
    assert_null(c.name); /* zeroed: nothing to free */
    assert_null(c.raw);
    assert_false(c.secure);
}

static time_t date(const char *s)
{
    time_t t = 0;
    if (cookie_date_parse(s, strlen(s), &t) != 0) fail_msg("expected date \"%s\" to parse", s);
    return t;
}

static bool date_fails(const char *s)
{
    time_t t;
    return cookie_date_parse(s, strlen(s), &t) == -1;
}

static void plain_pair_and_raw(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("sid=abc123");
    assert_string_equal(c.name, "sid");
    assert_string_equal(c.value, "abc123");
    assert_string_equal(c.raw, "sid=abc123");
    assert_null(c.domain);
    assert_null(c.path);
    assert_false(c.secure || c.httponly || c.partitioned || c.has_expires || c.has_max_age);
    assert_int_equal(c.samesite, SAMESITE_MISSING);
    assert_null(c.samesite_raw);
    assert_int_equal(setcookie_lifetime(&c, NOW), -1);
    assert_false(setcookie_is_deletion(&c, NOW));
    setcookie_free(&c);
}

static void quoted_value_keeps_quotes(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=\"b c\"; Path=/");
    assert_string_equal(c.value, "\"b c\"");
    setcookie_free(&c);
    c = parse_ok("a=\"x;y\"");
    assert_string_equal(c.value, "\"x"); /* ';' ends the pair even inside quotes */
    setcookie_free(&c);
}

static void whitespace_around_separators(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("  sid \t=  v a l \t ;  Path  =  /app  ;\tSecure ; ");
    assert_string_equal(c.name, "sid");
    assert_string_equal(c.value, "v a l"); /* inner spaces kept */
    assert_string_equal(c.path, "/app");
    assert_true(c.secure);
    setcookie_free(&c);
    c = parse_ok("a=b=c");
    assert_string_equal(c.name, "a");
    assert_string_equal(c.value, "b=c");
    setcookie_free(&c);
    c = parse_ok("a=");
    assert_string_equal(c.value, "");
    setcookie_free(&c);
}

static void attributes_in_odd_case(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; sEcUrE; HTTPONLY; pAtH=/X; DOMAIN=Example.COM; "
                              "max-AGE=60; SameSite=lAx; PARTITIONED");
    assert_true(c.secure);
    assert_true(c.httponly);
    assert_true(c.partitioned);
    assert_string_equal(c.path, "/X"); /* the path keeps its case */
    assert_string_equal(c.domain, "example.com");
    assert_true(c.has_max_age);
    assert_int_equal(c.max_age, 60);
    assert_int_equal(c.samesite, SAMESITE_LAX);
    assert_string_equal(c.samesite_raw, "lAx");
    setcookie_free(&c);
    /* near-misses are unknown attributes, not flags */
    c = parse_ok("a=1; Secured; Http-Only; Max_Age=5; x-Path=/y");
    assert_false(c.secure || c.httponly || c.has_max_age);
    assert_null(c.path);
    setcookie_free(&c);
}

static void duplicate_attributes_last_wins(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Path=/one; Path=/two; Domain=a.com; Domain=b.com; "
                              "Max-Age=10; Max-Age=20; SameSite=Strict; SameSite=None");
    assert_string_equal(c.path, "/two");
    assert_string_equal(c.domain, "b.com");
    assert_int_equal(c.max_age, 20);
    assert_int_equal(c.samesite, SAMESITE_NONE);
    setcookie_free(&c);
    /* an invalid later value: Path falls back to default-path, Max-Age is ignored */
    c = parse_ok("a=1; Path=/one; Path=rel; Max-Age=10; Max-Age=x");
    assert_null(c.path);
    assert_int_equal(c.max_age, 10);
    setcookie_free(&c);
}

static void max_age_forms(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Max-Age=-1");
    assert_true(c.has_max_age);
    assert_int_equal(c.max_age, -1);
    assert_true(setcookie_is_deletion(&c, NOW));
    assert_int_equal(setcookie_lifetime(&c, NOW), 0);
    setcookie_free(&c);

    const char *ignored[] = {"a=1; Max-Age=abc", "a=1; Max-Age=",    "a=1; Max-Age=-",
                             "a=1; Max-Age=+5",  "a=1; Max-Age=5s",  "a=1; Max-Age=1 0",
                             "a=1; Max-Age=--1", "a=1; Max-Age=0x10"};
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) {
        c = parse_ok(ignored[i]);
        assert_false(c.has_max_age);
        assert_int_equal(setcookie_lifetime(&c, NOW), -1);
        setcookie_free(&c);
    }
    c = parse_ok("a=1; Max-Age= 3600 ");
    assert_int_equal(c.max_age, 3600);
    assert_int_equal(setcookie_lifetime(&c, NOW), 3600);
    setcookie_free(&c);
    c = parse_ok("a=1; Max-Age=99999999999999999999999");
    assert_int_equal(c.max_age, LLONG_MAX); /* saturated, not wrapped */
    setcookie_free(&c);
    c = parse_ok("a=1; Max-Age=-99999999999999999999999");
    assert_int_equal(c.max_age, LLONG_MIN);
    assert_true(setcookie_is_deletion(&c, NOW));
    setcookie_free(&c);
}

static void max_age_wins_over_expires(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Max-Age=0; Expires=Wed, 01 Jan 2048 00:00:00 GMT");
    assert_true(c.has_expires);
    assert_true(setcookie_is_deletion(&c, NOW));
    setcookie_free(&c);
    c = parse_ok("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100");
    assert_false(setcookie_is_deletion(&c, NOW));
    assert_int_equal(setcookie_lifetime(&c, NOW), 100);
    setcookie_free(&c);
}

static void expires_lifetime_and_deletion(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    assert_true(c.has_expires);
    assert_int_equal(c.expires, 0);
    assert_true(setcookie_is_deletion(&c, NOW));
    setcookie_free(&c);
    c = parse_ok("a=1; expires=Tue, 14 Nov 2023 23:13:20 GMT");
    assert_int_equal(setcookie_lifetime(&c, NOW), 3600);
    assert_false(setcookie_is_deletion(&c, NOW));
    assert_true(setcookie_is_deletion(&c, NOW + 3600)); /* not in the future any more */
    setcookie_free(&c);
    c = parse_ok("a=1; Expires=Tue, 14 Nov 2023 23:13:20 GMT; Expires=not a date");
    assert_true(c.has_expires); /* the invalid one is ignored, the earlier valid one stays */
    assert_true(c.expires_invalid);
    setcookie_free(&c);
    c = parse_ok("a=1; Expires=yesterday");
    assert_false(c.has_expires);
    assert_true(c.expires_invalid);
    assert_int_equal(setcookie_lifetime(&c, NOW), -1); /* a session cookie, as in a browser */
    setcookie_free(&c);
}

static void cookie_date_formats(void **state)
{
    (void)state;
    assert_int_equal(date("Sun, 06 Nov 1994 08:49:37 GMT"), T1994);      /* RFC 1123 */
    assert_int_equal(date("Sunday, 06-Nov-94 08:49:37 GMT"), T1994);     /* RFC 850 */
    assert_int_equal(date("Sun Nov  6 08:49:37 1994"), T1994);           /* asctime */
    assert_int_equal(date("06 November 1994 08:49:37"), T1994);          /* long month */
    assert_int_equal(date("1994 Nov 06 8:49:37"), T1994);                /* odd order */
    assert_int_equal(date("Sun, 06-Nov-1994 08:49:37 UTC+0200"), T1994); /* zones ignored */
    assert_int_equal(date("nov 6 1994 08:49:37 gmt"), T1994);
    assert_int_equal(date("Sun,06 Nov 1994 08:49:37GMT"), T1994);
    assert_int_equal(date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
    assert_int_equal(date("Sat, 29 Feb 2020 12:00:00 GMT"), 1582977600); /* leap day */
    assert_int_equal(date("Fri, 31 Dec 9999 23:59:59 GMT"), 253402300799LL);
    assert_int_equal(date("Mon, 01 Jan 1601 00:00:00 GMT"), -11644473600LL);
}

static void cookie_date_two_digit_years(void **state)
{
    (void)state;
    /* 70-99 -> 19xx, 00-69 -> 20xx */
    assert_int_equal(date("01 Jan 70 00:00:00"), 0);
    assert_int_equal(date("01 Jan 69 00:00:00"), 3124224000LL); /* 2069 */
    assert_int_equal(date("01 Jan 00 00:00:00"), 946684800);    /* 2000 */
    assert_int_equal(date("01 Jan 99 00:00:00"), 915148800);    /* 1999 */
}

static void cookie_date_invalid(void **state)
{
    (void)state;
    assert_true(date_fails("Sat, 30 Feb 2019 00:00:00 GMT")); /* no such day */
    assert_true(date_fails("Fri, 29 Feb 2019 00:00:00 GMT")); /* not a leap year */
    assert_true(date_fails("Thu, 31 Apr 2025 00:00:00 GMT"));
    assert_true(date_fails("Mon, 01 Jan 1600 00:00:00 GMT")); /* year < 1601 */
    assert_true(date_fails("Mon, 00 Jan 2025 00:00:00 GMT"));
    assert_true(date_fails("Mon, 32 Jan 2025 00:00:00 GMT"));
    assert_true(date_fails("Mon, 01 Jan 2025 24:00:00 GMT"));
    assert_true(date_fails("Mon, 01 Jan 2025 00:60:00 GMT"));
    assert_true(date_fails("Mon, 01 Jan 2025 00:00:60 GMT"));
    assert_true(date_fails("Mon, 01 Jan 2025 GMT"));           /* no time */
    assert_true(date_fails("Mon, 01 2025 00:00:00 GMT"));      /* no month */
    assert_true(date_fails("Mon, Jan 2025 00:00:00 GMT"));     /* 2025 is not a day */
    assert_true(date_fails("Mon, 01 Jan 5 00:00:00 GMT"));     /* one-digit year */
    assert_true(date_fails("Mon, 01 Jan 20255 00:00:00 GMT")); /* five-digit year */
    assert_true(date_fails("Mon, 01 Jan 2025 100:00:00 GMT"));
    assert_true(date_fails(""));
    assert_true(date_fails("0"));
    assert_true(date_fails("1700000000")); /* epoch seconds are not a cookie-date */
}

static void samesite_values(void **state)
{
    (void)state;
    struct {
        const char *h;
        ss_samesite want;
        const char *raw;
    } cases[] = {
        {"a=1; SameSite=Strict", SAMESITE_STRICT, "Strict"},
        {"a=1; samesite=lax", SAMESITE_LAX, "lax"},
        {"a=1; SameSite=NONE", SAMESITE_NONE, "NONE"},
        {"a=1; SameSite=Bogus", SAMESITE_INVALID, "Bogus"},
        {"a=1; SameSite=", SAMESITE_INVALID, ""},
        {"a=1; SameSite", SAMESITE_INVALID, ""},
        {"a=1; SameSite= Lax ", SAMESITE_LAX, "Lax"},
        {"a=1; SameSite=Lax; SameSite=Bogus", SAMESITE_INVALID, "Bogus"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ss_setcookie c = parse_ok(cases[i].h);
        assert_int_equal(c.samesite, cases[i].want);
        assert_string_equal(c.samesite_raw, cases[i].raw);
        setcookie_free(&c);
    }
    assert_string_equal(samesite_name(SAMESITE_MISSING), "missing");
    assert_string_equal(samesite_name(SAMESITE_STRICT), "Strict");
    assert_string_equal(samesite_name(SAMESITE_LAX), "Lax");
    assert_string_equal(samesite_name(SAMESITE_NONE), "None");
    assert_string_equal(samesite_name(SAMESITE_INVALID), "invalid");
}

static void domain_forms(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Domain=.Example.com");
    assert_string_equal(c.domain, "example.com");
    setcookie_free(&c);
    c = parse_ok("a=1; Domain=");
    assert_null(c.domain);
    setcookie_free(&c);
    c = parse_ok("a=1; Domain=a.com; Domain=");
    assert_string_equal(c.domain, "a.com"); /* an empty Domain is ignored entirely */
    setcookie_free(&c);
    c = parse_ok("a=1; Domain=a.com; Domain=.");
    assert_null(c.domain); /* "." leaves an empty domain: host-only */
    setcookie_free(&c);
    c = parse_ok("a=1; Domain=..a.com");
    assert_string_equal(c.domain, ".a.com"); /* only one dot is stripped */
    setcookie_free(&c);
}

static void path_forms(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; Path=app");
    assert_null(c.path);
    setcookie_free(&c);
    c = parse_ok("a=1; Path=");
    assert_null(c.path);
    setcookie_free(&c);
    c = parse_ok("a=1; Path=/");
    assert_string_equal(c.path, "/");
    setcookie_free(&c);
    c = parse_ok("a=1; Path=/a b/c?d");
    assert_string_equal(c.path, "/a b/c?d");
    setcookie_free(&c);
}

static void prefixes(void **state)
{
    (void)state;
    struct {
        const char *h;
        const char *why; /* substring of the violation, NULL = fine */
    } cases[] = {
        {"__Host-sid=1; Secure; Path=/", NULL},
        {"__host-sid=1; secure; path=/", NULL},
        {"__Host-sid=1; Path=/", "requires Secure"},
        {"__Host-sid=1; Secure; Path=/; Domain=example.com", "forbids a Domain"},
        {"__Host-sid=1; Secure; Path=/; Domain=", NULL}, /* empty Domain ignored */
        {"__Host-sid=1; Secure", "requires Path=/"},
        {"__Host-sid=1; Secure; Path=/app", "requires Path=/"},
        {"__Secure-sid=1; Secure", NULL},
        {"__SECURE-sid=1; Secure; Domain=example.com; Path=/x", NULL},
        {"__Secure-sid=1", "__Secure- prefix requires Secure"},
        {"__secure-sid=1; HttpOnly", "requires Secure"},
        {"_Secure-sid=1", NULL},
        {"__Http-sid=1; Secure; HttpOnly", NULL},
        {"__Http-sid=1; Secure", "requires HttpOnly"},
        {"__Host-Http-sid=1; Secure; Path=/", "requires HttpOnly"},
        {"__Host-Http-sid=1; Secure; Path=/; HttpOnly", NULL},
        {"=__Host-sid; Secure; Path=/", "nameless"},
        {"__Secure-x", "nameless"},
        {"=abc", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ss_setcookie c = parse_ok(cases[i].h);
        const char *got = setcookie_prefix_violation(&c);
        if (cases[i].why == NULL && got != NULL)
            fail_msg("%s: unexpected violation %s", cases[i].h, got);
        if (cases[i].why != NULL && (got == NULL || !strstr(got, cases[i].why)))
            fail_msg("%s: expected '%s', got %s", cases[i].h, cases[i].why, got ? got : "NULL");
        setcookie_free(&c);
    }
}

static void storage_violations(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("a=1; SameSite=None");
    assert_string_equal(setcookie_storage_violation(&c), "SameSite=None requires Secure");
    setcookie_free(&c);
    c = parse_ok("a=1; SameSite=None; Secure; Partitioned");
    assert_null(setcookie_storage_violation(&c));
    setcookie_free(&c);
    c = parse_ok("a=1; Partitioned");
    assert_string_equal(setcookie_storage_violation(&c), "Partitioned requires Secure");
    setcookie_free(&c);
    c = parse_ok("a=1; SameSite=Bogus"); /* "Default" enforcement, not None */
    assert_null(setcookie_storage_violation(&c));
    setcookie_free(&c);
    c = parse_ok("__Host-a=1");
    assert_non_null(strstr(setcookie_storage_violation(&c), "__Host-"));
    setcookie_free(&c);
}

static void nameless_cookies(void **state)
{
    (void)state;
    ss_setcookie c = parse_ok("=abc");
    assert_string_equal(c.name, "");
    assert_string_equal(c.value, "abc");
    setcookie_free(&c);
    c = parse_ok("abc; Path=/");
    assert_string_equal(c.name, "");
    assert_string_equal(c.value, "abc");
    assert_string_equal(c.path, "/");
    setcookie_free(&c);
    c = parse_ok("abc=");
    assert_string_equal(c.name, "abc");
    assert_string_equal(c.value, "");
    setcookie_free(&c);
}

static void rejected_headers(void **state)
{
    (void)state;
    assert_rejected("", 0);
    assert_rejected("=", 1);
    assert_rejected("  =  ; Secure", 13);
    assert_rejected("; Path=/", 8);
    assert_rejected("a=b\0c", 5);
    assert_rejected("a=b\r\nSet-Cookie: x=y", 20);
    assert_rejected("a=b; Path=/\x01", 12);
    assert_rejected("a=\x7f", 3);
    assert_rejected("a=1\nb", 5);
    ss_setcookie c;
    assert_int_equal(setcookie_parse(NULL, 0, &c), -1);
    c = parse_ok("a=b; Path=/\r\n"); /* the raw line's terminator is framing */
    assert_string_equal(c.path, "/");
    assert_string_equal(c.raw, "a=b; Path=/");
    setcookie_free(&c);
    assert_rejected("a=b\r\n\r\nx", 8);
    c = parse_ok("a=b\tc; Path=/"); /* HTAB is the one allowed control */
    assert_string_equal(c.value, "b\tc");
    setcookie_free(&c);
    c = parse_ok("a=\xc3\xa9\xff"); /* high bytes are not controls */
    assert_string_equal(c.value, "\xc3\xa9\xff");
    setcookie_free(&c);
}

static void size_limits(void **state)
{
    (void)state;
    char *h = malloc(8192);
    /* name+value exactly 4096 bytes after trimming: accepted */
    memset(h, 'v', 8192);
    memcpy(h, "  n=", 4);
    size_t len = 4 + 4095; /* name 1 + value 4095 */
    memcpy(h + len, "   ", 3);
    ss_setcookie c;
    assert_int_equal(setcookie_parse(h, len + 3, &c), 0);
    assert_int_equal(strlen(c.value), 4095);
    setcookie_free(&c);
    /* one more byte: the whole header is ignored */
    h[len] = 'v';
    assert_int_equal(setcookie_parse(h, len + 1, &c), -1);
    assert_null(c.name);

    /* attribute value of 1024 bytes is used, 1025 ignores just that attribute */
    char *p = h;
    p += sprintf(p, "a=1; Path=/");
    memset(p, 'p', 1023);
    p += 1023;
    p += sprintf(p, "; Domain=");
    memset(p, 'd', 1025);
    p += 1025;
    p += sprintf(p, "; Secure");
    assert_int_equal(setcookie_parse(h, (size_t)(p - h), &c), 0);
    assert_int_equal(strlen(c.path), 1024);
    assert_null(c.domain);
    assert_true(c.secure); /* parsing goes on after the oversized attribute */
    setcookie_free(&c);
    free(h);
}

static void express_session_cookie(void **state)
{
    (void)state;
    const char *h = "connect.sid=s%3AZq1vD8fJ0x6yq5sBvYhN2lqk3l0o9Wzr.Qm0t6%2F8e9YQhQm3rWb%2BYwqfE"
                    "3p6S0rR0fS6a8kq2w1M; Path=/; Expires=Wed, 15 Nov 2023 22:13:20 GMT; "
                    "HttpOnly; SameSite=Strict";
    ss_setcookie c = parse_ok(h);
    assert_string_equal(c.name, "connect.sid");
    assert_true(strncmp(c.value, "s%3AZq1vD8", 10) == 0);
    assert_string_equal(c.path, "/");
    assert_true(c.httponly);
    assert_false(c.secure);
    assert_int_equal(c.samesite, SAMESITE_STRICT);
    assert_int_equal(setcookie_lifetime(&c, NOW), 86400);
    assert_null(setcookie_prefix_violation(&c));
    assert_string_equal(c.raw, h);
    setcookie_free(&c);
    setcookie_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_pair_and_raw),
        cmocka_unit_test(quoted_value_keeps_quotes),
        cmocka_unit_test(whitespace_around_separators),
        cmocka_unit_test(attributes_in_odd_case),
        cmocka_unit_test(duplicate_attributes_last_wins),
        cmocka_unit_test(max_age_forms),
        cmocka_unit_test(max_age_wins_over_expires),
        cmocka_unit_test(expires_lifetime_and_deletion),
        cmocka_unit_test(cookie_date_formats),
        cmocka_unit_test(cookie_date_two_digit_years),
        cmocka_unit_test(cookie_date_invalid),
        cmocka_unit_test(samesite_values),
        cmocka_unit_test(domain_forms),
        cmocka_unit_test(path_forms),
        cmocka_unit_test(prefixes),
        cmocka_unit_test(storage_violations),
        cmocka_unit_test(nameless_cookies),
        cmocka_unit_test(rejected_headers),
        cmocka_unit_test(size_limits),
        cmocka_unit_test(express_session_cookie),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
