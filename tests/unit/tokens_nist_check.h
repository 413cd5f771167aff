/* The agreement check: every estimate ea_assess prints must equal what the NIST tool printed
 * (six decimals). Included by the test_tokens_nist_*.c programs. */
#ifndef SS_TOKENS_NIST_CHECK_H
#define SS_TOKENS_NIST_CHECK_H
#include "tokens/ea.h"
#include "tokens_testdata.h"

#include <math.h>

/* The six-decimal print, with -0.000000 read as 0.000000. */
static void six(double v, char out[64])
{
    snprintf(out, 64, "%.6f", v);
    if (strcmp(out, "-0.000000") == 0) strcpy(out, "0.000000");
}

static int same6(const char *what, const char *set, double want, double got)
{
    char a[64], b[64];
    six(want, a);
    six(got, b);
    if (strcmp(a, b) != 0) {
        fprintf(stderr, "%s: %s: NIST %s, ours %s\n", set, what, a, b);
        return 1;
    }
    return 0;
}

/* Returns the number of disagreements (0 = every estimate agrees); -1 when the data is bad. */
static int nist_agreement(const char *set)
{
    size_t n;
    char *js = (char *)td_read("nist-reference.json", &n);
    json_error_t je;
    json_t *root = js ? json_loads(js, 0, &je) : NULL;
    free(js);
    json_t *ref = json_object_get(root, set);
    if (!ref) {
        json_decref(root);
        return -1;
    }
    const char *file = json_string_value(json_object_get(ref, "file"));
    int bits = (int)json_integer_value(json_object_get(ref, "bits_per_symbol"));
    size_t len;
    uint8_t *data = td_verified(file, &len);
    if (!data || (long)len != json_integer_value(json_object_get(ref, "samples"))) {
        free(data);
        json_decref(root);
        return -1;
    }
    ea_result r;
    char err[128];
    int bad = 0;
    if (ea_assess(data, (long)len, bits, &r, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", set, err);
        bad = 1;
    } else {
        const char *groups[2] = {"estimators", "bitstring_estimators"};
        for (int g = 0; g < 2; g++) {
            json_t *est = json_object_get(ref, groups[g]);
            const double *ours = g ? r.bit : r.lit;
            size_t seen = 0;
            for (int e = 0; e < EA_N; e++) {
                json_t *v = json_object_get(est, ea_name((ea_estimator)e));
                if (!v) {
                    /* Not printed by the tool: it must not have run here either. */
                    if (ours[e] >= 0) {
                        fprintf(stderr, "%s: %s %s ran but the tool did not\n", set, groups[g],
                                ea_name((ea_estimator)e));
                        bad++;
                    }
                    continue;
                }
                seen++;
                char what[128];
                snprintf(what, sizeof what, "%s %s", groups[g], ea_name((ea_estimator)e));
                bad += same6(what, set, json_number_value(v), ours[e]);
            }
            if (seen != json_object_size(est)) {
                fprintf(stderr, "%s: unknown estimator names in %s\n", set, groups[g]);
                bad++;
            }
        }
        bad += same6("H_original", set, json_number_value(json_object_get(ref, "H_original")),
                     r.h_original);
        bad += same6("H_bitstring", set, json_number_value(json_object_get(ref, "H_bitstring")),
                     r.h_bitstring);
        bad +=
            same6("min_entropy_per_symbol", set,
                  json_number_value(json_object_get(ref, "min_entropy_per_symbol")), r.min_entropy);
        if (r.alph_size != json_integer_value(json_object_get(ref, "distinct_symbols"))) bad++;
    }
    free(data);
    json_decref(root);
    return bad;
}

#define NIST_TEST(fn, set)                                                                         \
    static void fn(void **state)                                                                   \
    {                                                                                              \
        (void)state;                                                                               \
        assert_int_equal(nist_agreement(set), 0);                                                  \
    }

#endif
