/* MultiMMC and LZ78Y (SP 800-90B 6.3.9, 6.3.10) give exactly the same doubles as the plain
 * implementation kept in tokens_dict_oracle.h, on generated inputs chosen to reach every path:
 * short inputs around the length thresholds, random, biased, periodic and counting streams, and
 * inputs long enough to fill every dictionary (the capped paths). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens/ea.h"
#include "tokens_dict_oracle.h"
#include "tokens_rng.h"

#include <stdio.h>

static uint64_t rng_state = 0x243F6A8885A308D3ULL;

static uint64_t rnd(void)
{
    return td_xorshift(&rng_state);
}

static int mismatches;

/* Both estimators against the oracle on one input; a difference is printed and counted. */
static void check(const char *what, const uint8_t *s, long len, int k)
{
    double a = ea_multi_mmc(s, len, k), b = oracle_multi_mmc(s, len, k);
    double c = ea_lz78y(s, len, k), d = oracle_lz78y(s, len, k);
    if (a != b) {
        fprintf(stderr, "%s (len %ld, k %d): MultiMMC %.17g, oracle %.17g\n", what, len, k, a, b);
        mismatches++;
    }
    if (c != d) {
        fprintf(stderr, "%s (len %ld, k %d): LZ78Y %.17g, oracle %.17g\n", what, len, k, c, d);
        mismatches++;
    }
}

/* Symbols 0..k-1: uniform, or skewed (0 with probability about 1 - 1/skew, else uniform). */
static void fill_random(uint8_t *s, long len, int k, int skew)
{
    for (long i = 0; i < len; i++) {
        uint64_t r = rnd();
        s[i] = (uint8_t)(skew && (r >> 40) % (uint64_t)skew != 0 ? 0 : (r >> 8) % (uint64_t)k);
    }
}

/* Bits that are 1 with probability p_permille / 1000. */
static void fill_biased_bits(uint8_t *s, long len, int p_permille)
{
    for (long i = 0; i < len; i++)
        s[i] = (uint8_t)((rnd() >> 20) % 1000 < (uint64_t)p_permille);
}

/* A random block of period symbols, repeated; every so often one symbol is flipped. */
static void fill_periodic(uint8_t *s, long len, int k, int period, long flip_every)
{
    uint8_t block[512];
    for (int i = 0; i < period; i++)
        block[i] = (uint8_t)(rnd() % (uint64_t)k);
    for (long i = 0; i < len; i++) {
        s[i] = block[i % period];
        if (flip_every && i % flip_every == flip_every - 1) s[i] = (uint8_t)((s[i] + 1) % k);
    }
}

/* A counter written out: as bits (width bits per value, msb first) or as symbols mod k. */
static void fill_counter(uint8_t *s, long len, int k, int width)
{
    for (long i = 0; i < len; i++)
        s[i] = k == 2 ? (uint8_t)(((i / width) >> (width - 1 - i % width)) & 1)
                      : (uint8_t)((i * 7 / 3) % k);
}

static void short_inputs(void **state)
{
    (void)state;
    uint8_t s[64];
    mismatches = 0;
    static const int ks[] = {2, 3, 16, 256};
    for (size_t ki = 0; ki < sizeof ks / sizeof ks[0]; ki++) {
        for (long len = 0; len <= 40; len++) {
            for (int rep = 0; rep < 8; rep++) {
                fill_random(s, len, ks[ki] == 256 ? 4 : ks[ki], 0);
                check("short random", s, len, ks[ki]);
                fill_periodic(s, len, ks[ki], 1 + rep, 0);
                check("short periodic", s, len, ks[ki]);
            }
        }
    }
    assert_int_equal(mismatches, 0);
}

static void bit_strings(void **state)
{
    (void)state;
    mismatches = 0;
    long n = 400000;
    uint8_t *s = malloc((size_t)n);
    assert_non_null(s);
    fill_random(s, n, 2, 0);
    check("random bits", s, n, 2);
    check("random bits, prefix", s, 5000, 2);
    fill_biased_bits(s, n, 50);
    check("bits p=0.05", s, n, 2);
    fill_biased_bits(s, n, 950);
    check("bits p=0.95", s, n, 2);
    fill_biased_bits(s, n, 700);
    check("bits p=0.7", s, 300000, 2);
    static const int periods[] = {1, 2, 3, 7, 17, 64, 333};
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++) {
        fill_periodic(s, 60000, 2, periods[p], 0);
        check("periodic bits", s, 60000, 2);
        fill_periodic(s, 60000, 2, periods[p], 997);
        check("periodic bits, flips", s, 60000, 2);
    }
    fill_counter(s, n, 2, 8);
    check("8-bit counter bits", s, n, 2);
    fill_counter(s, n, 2, 20);
    check("20-bit counter bits", s, n, 2);
    free(s);
    assert_int_equal(mismatches, 0);
}

static void literal_symbols(void **state)
{
    (void)state;
    mismatches = 0;
    long n = 300000;
    uint8_t *s = malloc((size_t)n);
    assert_non_null(s);
    static const int ks[] = {3, 16, 256};
    for (size_t ki = 0; ki < sizeof ks / sizeof ks[0]; ki++) {
        int k = ks[ki];
        fill_random(s, n, k, 0);
        check("uniform symbols", s, n, k);
        fill_random(s, n, k, 8);
        check("skewed symbols", s, n, k);
        fill_random(s, 20000, k, 0);
        check("uniform symbols, short", s, 20000, k);
        fill_periodic(s, 50000, k, 5, 0);
        check("periodic symbols", s, 50000, k);
        fill_periodic(s, 50000, k, 300, 611);
        check("periodic symbols, flips", s, 50000, k);
        fill_counter(s, 50000, k, 0);
        check("counting symbols", s, 50000, k);
    }
    free(s);
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_inputs),
        cmocka_unit_test(bit_strings),
        cmocka_unit_test(literal_symbols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
