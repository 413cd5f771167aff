/* Verdicts on the reference token lists and weak streams: random IDs pass, weak ones are reported
 * with the right rule and the structure named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens/tokens.h"
#include "tokens_testdata.h"

/* Loads and analyses one token list or raw stream (closing f). */
static int analyse_fp(FILE *f, bool raw, bool estimators, tokens_result *r)
{
    if (!f) return -1;
    char err[256];
    tokens_opts o;
    tokens_opts_init(&o);
    o.raw = raw;
    o.skip_estimators = !estimators;
    tokens_set s;
    int rc = tokens_load(f, &o, &s, err, sizeof err);
    fclose(f);
    if (rc == 0) {
        rc = tokens_analyse(&s, &o, r);
        tokens_set_free(&s);
    }
    return rc;
}

static int analyse_file(const char *name, bool raw, bool estimators, tokens_result *r)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ENTROPY_DIR, name);
    return analyse_fp(fopen(path, "rb"), raw, estimators, r);
}

static int analyse_bytes(const uint8_t *b, size_t n, bool estimators, tokens_result *r)
{
    return analyse_fp(fmemopen((void *)b, n, "rb"), true, estimators, r);
}

static const tokens_issue *issue(const tokens_result *r, const char *rule, const char *kind)
{
    for (size_t i = 0; i < r->n_issues; i++)
        if (strcmp(r->issues[i].rule, rule) == 0 && (!kind || strcmp(r->issues[i].kind, kind) == 0))
            return &r->issues[i];
    return NULL;
}

static void random_hex_tokens_pass(void **state)
{
    (void)state;
    tokens_result r;
    assert_int_equal(analyse_file("hex_tokens.txt", false, true, &r), 0);
    assert_string_equal(r.format, "hex");
    assert_int_equal(r.token_bits, 128);
    assert_true(r.effective_bits >= 128);
    assert_int_equal(r.n_issues, 0);
    assert_true(r.ea_ok);
    /* the estimator stream is the same as the reference nibble file */
    assert_int_equal(r.ea.len, 640000);
    ss_report rep;
    report_init(&rep, "tokens", "hex_tokens.txt");
    tokens_to_report(&r, &rep);
    assert_int_equal(rep.n_findings, 0);
    assert_non_null(rep.extra_json);
    json_t *j = rep.extra_json;
    assert_non_null(json_object_get(json_object_get(j, "sp800_90b"), "estimators"));
    assert_int_equal(json_array_size(json_object_get(j, "positions")), 32);
    report_free(&rep); /* releases extra_json too */
    tokens_result_free(&r);
}

static void express_cookies_pass(void **state)
{
    (void)state;
    tokens_result r;
    assert_int_equal(analyse_file("express_tokens_cookie.txt", false, false, &r), 0);
    assert_string_equal(r.format, "express-session");
    assert_string_equal(r.stream, "bytes");
    assert_int_equal(r.samples_per_token, 24); /* only the id: the HMAC adds no entropy */
    assert_true(r.effective_bits >= 128);
    assert_int_equal(r.n_issues, 0);
    tokens_result_free(&r);
}

static void weak_tokens_are_named(void **state)
{
    (void)state;
    tokens_result r;
    assert_int_equal(analyse_file("weak_hex_tokens.txt", false, true, &r), 0);
    const tokens_issue *c = issue(&r, "SS-TOKEN-PREDICTABLE", "counter");
    const tokens_issue *t = issue(&r, "SS-TOKEN-PREDICTABLE", "timestamp");
    const tokens_issue *e = issue(&r, "SS-TOKEN-ENTROPY", NULL);
    assert_non_null(c);
    assert_non_null(strstr(c->message, "characters 9-16"));
    assert_non_null(strstr(c->message, "+1"));
    assert_non_null(t);
    assert_non_null(strstr(t->message, "characters 1-8"));
    assert_non_null(strstr(t->message, "seconds"));
    assert_non_null(e);
    assert_int_equal(e->severity, SEV_HIGH);
    assert_true(r.effective_bits < 64);
    assert_null(issue(&r, "SS-TOKEN-PREDICTABLE", "duplicate"));
    ss_report rep;
    report_init(&rep, "tokens", "weak");
    tokens_to_report(&r, &rep);
    assert_true(report_has(&rep, "SS-TOKEN-PREDICTABLE"));
    assert_true(report_has(&rep, "SS-TOKEN-ENTROPY"));
    assert_int_equal(report_max_severity(&rep), SEV_CRITICAL);
    report_free(&rep); /* releases extra_json too */
    tokens_result_free(&r);
}

/* A reference byte stream, verified against its checksum, analysed as raw 8-bit samples. */
static void analyse_stream(const char *name, tokens_result *r)
{
    size_t n;
    uint8_t *b = td_verified(name, &n);
    assert_non_null(b);
    assert_int_equal(analyse_bytes(b, n, false, r), 0);
    free(b);
}

static void counter_stream_is_sequential(void **state)
{
    (void)state;
    tokens_result r;
    analyse_stream("counter_1M.bin", &r);
    const tokens_issue *s = issue(&r, "SS-TOKEN-PREDICTABLE", "sequential");
    assert_non_null(s);
    assert_non_null(strstr(s->message, "plus 1"));
    assert_non_null(issue(&r, "SS-TOKEN-ENTROPY", NULL));
    tokens_result_free(&r);
}

static void lcg_stream_is_periodic(void **state)
{
    (void)state;
    tokens_result r;
    analyse_stream("lcg_low8_1M.bin", &r);
    const tokens_issue *p = issue(&r, "SS-TOKEN-PREDICTABLE", "periodic");
    assert_non_null(p);
    assert_non_null(strstr(p->message, "every 256 values"));
    assert_null(issue(&r, "SS-TOKEN-PREDICTABLE", "sequential"));
    assert_non_null(issue(&r, "SS-TOKEN-ENTROPY", NULL));
    tokens_result_free(&r);
}

static void javarand_stream_is_recognised(void **state)
{
    (void)state;
    tokens_result r;
    analyse_stream("javarand_hi8_1M.bin", &r);
    const tokens_issue *g = issue(&r, "SS-TOKEN-PREDICTABLE", "generator");
    assert_non_null(g);
    assert_non_null(strstr(g->message, "java.util.Random"));
    /* statistically it looks fine: that is the point */
    assert_null(issue(&r, "SS-TOKEN-ENTROPY", NULL));
    tokens_result_free(&r);
}

static void urandom_stream_passes(void **state)
{
    (void)state;
    tokens_result r;
    analyse_stream("urandom_1M.bin", &r);
    assert_int_equal(r.n_issues, 0);
    tokens_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_hex_tokens_pass), cmocka_unit_test(express_cookies_pass),
        cmocka_unit_test(weak_tokens_are_named),  cmocka_unit_test(counter_stream_is_sequential),
        cmocka_unit_test(lcg_stream_is_periodic), cmocka_unit_test(javarand_stream_is_recognised),
        cmocka_unit_test(urandom_stream_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
