/* Token loading and decoding: every bad input gets a clear error, every format is recognised. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens/tokens.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load_mem(const char *data, size_t n, bool raw, tokens_set *s, char *err, size_t errlen)
{
    tokens_opts o;
    tokens_opts_init(&o);
    o.raw = raw;
    FILE *f = fmemopen((void *)data, n, "rb");
    int rc = tokens_load(f, &o, s, err, errlen);
    fclose(f);
    return rc;
}

/* Analyses newline-separated tokens; returns tokens_analyse's result, r filled. */
static int analyse_text(const char *text, tokens_result *r)
{
    tokens_set s;
    char err[256];
    if (load_mem(text, strlen(text), false, &s, err, sizeof err) != 0) {
        memset(r, 0, sizeof *r);
        r->error = strdup(err);
        return -1;
    }
    tokens_opts o;
    tokens_opts_init(&o);
    o.skip_estimators = true;
    int rc = tokens_analyse(&s, &o, r);
    tokens_set_free(&s);
    return rc;
}

/* n deterministic pseudo-random tokens: hex of SHA-256(i), cut to len characters, formatted. */
static char *pseudo_tokens(size_t n, size_t len, const char *fmt)
{
    size_t cap = n * (len + 64) + 1, at = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < n; i++) {
        unsigned char md[32];
        unsigned int l;
        char hex[65];
        EVP_Digest(&i, sizeof i, md, &l, EVP_sha256(), NULL);
        for (int j = 0; j < 32; j++)
            snprintf(hex + 2 * j, 3, "%02x", md[j]);
        hex[len] = 0;
        at += (size_t)snprintf(out + at, cap - at, fmt, hex);
        out[at++] = '\n';
    }
    out[at] = 0;
    return out;
}

static void empty_input_is_an_error(void **state)
{
    (void)state;
    tokens_set s;
    char err[256];
    assert_int_equal(load_mem("", 0, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty"));
    assert_int_equal(load_mem("\n\n  \n", 5, false, &s, err, sizeof err), -1);
    assert_int_equal(load_mem("", 0, true, &s, err, sizeof err), -1);
}

static void one_token_is_an_error(void **state)
{
    (void)state;
    tokens_result r;
    assert_int_equal(analyse_text("0123456789abcdef0123456789abcdef\n", &r), -1);
    assert_non_null(strstr(r.error, "one token"));
    tokens_result_free(&r);
}

static void long_line_is_an_error(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = 0;
    tokens_set s;
    char err[256];
    assert_int_equal(load_mem(big, n, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "longer than"));
    free(big);
}

static void binary_and_bad_utf8_are_errors(void **state)
{
    (void)state;
    tokens_set s;
    char err[256];
    static const char nul[] = "abcd\0efgh\n";
    assert_int_equal(load_mem(nul, sizeof nul - 1, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "NUL"));
    static const char bad[] = "abcd\n\xc3\x28zz\n";
    assert_int_equal(load_mem(bad, sizeof bad - 1, false, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "UTF-8"));
    static const char overlong[] = "\xc0\xafxx\n";
    assert_int_equal(load_mem(overlong, sizeof overlong - 1, false, &s, err, sizeof err), -1);
    /* valid UTF-8 is fine */
    static const char ok[] = "caf\xc3\xa9\nna\xc3\xafve\n";
    assert_int_equal(load_mem(ok, sizeof ok - 1, false, &s, err, sizeof err), 0);
    assert_int_equal(s.n, 2);
    tokens_set_free(&s);
}

static void mixed_formats_are_an_error(void **state)
{
    (void)state;
    tokens_result r;
    assert_int_equal(analyse_text("s%3Aabcdefgh.sig\n0123456789abcdef\n", &r), -1);
    assert_non_null(strstr(r.error, "mixed formats"));
    tokens_result_free(&r);
    assert_int_equal(analyse_text("0123456789abcdef\n0123456789abcdef0123\n", &r), -1);
    assert_non_null(strstr(r.error, "different lengths"));
    tokens_result_free(&r);
}

static void formats_are_recognised(void **state)
{
    (void)state;
    struct {
        const char *fmt, *want;
        size_t len;
    } cases[] = {
        {"%s", "hex", 32},
        {"s:%s.signature", "express-session", 0},
        {"%.8s-%.4s-4%.3s-a%.3s-%.12s", "uuid", 30},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *t;
        if (c == 2) {
            /* uuid: split one 64-char hex digest into the five groups */
            char *h = pseudo_tokens(300, 64, "%s");
            size_t cap = 300 * 40 + 1, at = 0;
            t = malloc(cap);
            for (char *line = strtok(h, "\n"); line; line = strtok(NULL, "\n"))
                at += (size_t)snprintf(t + at, cap - at, "%.8s-%.4s-4%.3s-a%.3s-%.12s\n", line,
                                       line + 8, line + 12, line + 15, line + 18);
            free(h);
        } else {
            t = pseudo_tokens(300, 32, cases[c].fmt);
        }
        tokens_result r;
        assert_int_equal(analyse_text(t, &r), 0);
        assert_string_equal(r.format, cases[c].want);
        if (cases[c].len) assert_int_equal(r.token_len, cases[c].len);
        tokens_result_free(&r);
        free(t);
    }
}

static void jwts_are_not_random_strings(void **state)
{
    (void)state;
    const char *t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc\n"
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.def\n";
    tokens_result r;
    assert_int_equal(analyse_text(t, &r), 0);
    assert_true(r.is_jwt);
    assert_int_equal(r.n_issues, 0);
    ss_report rep;
    report_init(&rep, "tokens", "-");
    tokens_to_report(&r, &rep);
    assert_int_equal(rep.n_findings, 0);
    assert_int_equal(rep.n_checks, 1);
    assert_int_equal(rep.checks[0].status, CHECK_SKIPPED);
    report_free(&rep); /* releases extra_json too */
    tokens_result_free(&r);
}

static void decimal_counter_is_found(void **state)
{
    (void)state;
    char buf[64 * 1000];
    size_t at = 0;
    for (int i = 0; i < 1000; i++)
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%d\n", 990 + i * 7);
    tokens_result r;
    assert_int_equal(analyse_text(buf, &r), 0);
    assert_string_equal(r.format, "decimal");
    const tokens_issue *c = NULL;
    for (size_t i = 0; i < r.n_issues; i++)
        if (strcmp(r.issues[i].kind, "counter") == 0) c = &r.issues[i];
    assert_non_null(c);
    assert_non_null(strstr(c->message, "+7"));
    tokens_result_free(&r);
}

static void duplicates_are_found_and_redacted(void **state)
{
    (void)state;
    char *t = pseudo_tokens(500, 32, "%s");
    tokens_result r;
    assert_int_equal(analyse_text(t, &r), 0);
    assert_int_equal(r.duplicates, 0);
    for (size_t i = 0; i < r.n_issues; i++)
        assert_string_not_equal(r.issues[i].kind, "duplicate");
    tokens_result_free(&r);
    /* repeat the first token at the end */
    size_t n = strlen(t);
    char *t2 = malloc(n + 40);
    memcpy(t2, t, n);
    memcpy(t2 + n, t, 33);
    t2[n + 33] = 0;
    assert_int_equal(analyse_text(t2, &r), 0);
    assert_int_equal(r.duplicates, 1);
    const tokens_issue *d = NULL;
    for (size_t i = 0; i < r.n_issues; i++)
        if (strcmp(r.issues[i].kind, "duplicate") == 0) d = &r.issues[i];
    assert_non_null(d);
    assert_int_equal(d->severity, SEV_CRITICAL);
    char first[33];
    memcpy(first, t, 32);
    first[32] = 0;
    for (size_t j = 0; j < d->n_evidence; j++)
        assert_null(strstr(d->evidence[j], first)); /* never the whole ID */
    tokens_result_free(&r);
    free(t);
    free(t2);
}

static void short_random_tokens_lack_entropy(void **state)
{
    (void)state;
    char *t = pseudo_tokens(2000, 12, "%s"); /* 48 bits */
    tokens_result r;
    assert_int_equal(analyse_text(t, &r), 0);
    bool found = false;
    for (size_t i = 0; i < r.n_issues; i++)
        if (strcmp(r.issues[i].rule, "SS-TOKEN-ENTROPY") == 0) {
            found = true;
            assert_int_equal(r.issues[i].severity, SEV_HIGH);
        }
    assert_true(found);
    tokens_result_free(&r);
    free(t);
}

static void few_tokens_do_not_leak(void **state)
{
    (void)state;
    char *t = pseudo_tokens(3, 32, "%s");
    tokens_result r;
    assert_int_equal(analyse_text(t, &r), 0);
    json_t *j = tokens_to_json(&r);
    char *dump = json_dumps(j, 0);
    char first[33];
    memcpy(first, t, 32);
    first[32] = 0;
    assert_null(strstr(dump, first));
    assert_non_null(strstr(dump, "withheld"));
    free(dump);
    json_decref(j);
    tokens_result_free(&r);
    free(t);
}

static void alphabet_override(void **state)
{
    (void)state;
    tokens_set s;
    tokens_set_from_list(&s, (const char *const[]){"abab", "baba", "aabb"}, 3);
    tokens_opts o;
    tokens_opts_init(&o);
    o.alphabet = "ab";
    o.skip_estimators = true;
    tokens_result r;
    assert_int_equal(tokens_analyse(&s, &o, &r), 0);
    assert_int_equal(r.alph_size, 2);
    assert_int_equal(r.bits_per_symbol, 1);
    tokens_result_free(&r);
    o.alphabet = "xy";
    assert_int_equal(tokens_analyse(&s, &o, &r), -1);
    assert_non_null(strstr(r.error, "outside the alphabet"));
    tokens_result_free(&r);
    tokens_set_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_input_is_an_error),
        cmocka_unit_test(one_token_is_an_error),
        cmocka_unit_test(long_line_is_an_error),
        cmocka_unit_test(binary_and_bad_utf8_are_errors),
        cmocka_unit_test(mixed_formats_are_an_error),
        cmocka_unit_test(formats_are_recognised),
        cmocka_unit_test(jwts_are_not_random_strings),
        cmocka_unit_test(decimal_counter_is_found),
        cmocka_unit_test(duplicates_are_found_and_redacted),
        cmocka_unit_test(short_random_tokens_lack_entropy),
        cmocka_unit_test(few_tokens_do_not_leak),
        cmocka_unit_test(alphabet_override),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
