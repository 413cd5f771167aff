/* ea_tuple_lrs against the plain SA-IS implementation it replaced (tuple_oracle.h): both estimates
 * must be the same doubles on every input, not only on the reference data sets. The inputs aim at
 * the separate paths of ea_tuple_bits.c (shallow sort, skewed buckets, exact periods, long repeats
 * that need SA-IS) and at the thresholds (lengths near 35 and 64, t-tuples seen 35 times). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tuple_oracle.h"

#include <stdio.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Bits that are 1 with probability permille / 1000. */
static void fill_bits(uint8_t *s, long from, long to, int permille)
{
    for (long i = from; i < to; i++)
        s[i] = (uint8_t)(rnd() % 1000 < (uint64_t)permille);
}

/* s[from..to) continues period p, taking the word from s[from - p .. from) (or random bits). */
static void fill_periodic(uint8_t *s, long from, long to, long p)
{
    long start = from;
    if (from < p) {
        fill_bits(s, from, from + p < to ? from + p : to, 500);
        start = from + p;
    }
    for (long i = start; i < to; i++)
        s[i] = s[i - p];
}

static int mismatches;

static void check(const uint8_t *s, long n, int k, const char *what, long a, long b)
{
    double t0, l0, t1, l1;
    oracle_tuple_lrs(s, n, k, &t0, &l0);
    ea_tuple_lrs(s, n, k, &t1, &l1);
    if (t0 != t1 || l0 != l1) {
        fprintf(stderr, "%s (%ld, %ld; n %ld, k %d): tuple %.17g vs %.17g, lrs %.17g vs %.17g\n",
                what, a, b, n, k, t0, t1, l0, l1);
        mismatches++;
    }
}

static uint8_t *buffer(long n)
{
    uint8_t *s = malloc((size_t)n);
    assert_non_null(s);
    return s;
}

static void random_bits(void **state)
{
    (void)state;
    static const long lens[] = {2,   3,   4,   34,  35,   36,   63,    64,     65,     66,
                                100, 127, 128, 129, 1000, 4097, 65536, 100000, 300001, 2000000};
    mismatches = 0;
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        for (int rep = 0; rep < (lens[i] < 1000 ? 20 : 1); rep++) {
            uint8_t *s = buffer(lens[i]);
            fill_bits(s, 0, lens[i], 500);
            check(s, lens[i], 2, "random", rep, 0);
            free(s);
        }
    }
    assert_int_equal(mismatches, 0);
}

static void biased_bits(void **state)
{
    (void)state;
    static const int permille[] = {50, 950, 5, 995, 0, 1000, 200};
    static const long lens[] = {100, 5000, 100000, 1000000};
    mismatches = 0;
    for (size_t i = 0; i < sizeof permille / sizeof permille[0]; i++) {
        for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
            if (lens[j] > 100000 && (permille[i] < 50 || permille[i] > 950)) continue;
            uint8_t *s = buffer(lens[j]);
            fill_bits(s, 0, lens[j], permille[i]);
            check(s, lens[j], 2, "biased", permille[i], 0);
            free(s);
        }
    }
    assert_int_equal(mismatches, 0);
}

/* Bytes that are mostly zero bits: one 16-bit bucket too large for a batch. */
static void skewed_bytes(void **state)
{
    (void)state;
    long n = 2000000;
    uint8_t *s = buffer(n);
    for (long i = 0; i < n; i += 8) {
        unsigned byte = (rnd() & 7) == 0 ? (unsigned)(rnd() & 0xff) : (unsigned)(rnd() & 1);
        for (int j = 0; j < 8; j++)
            s[i + j] = (uint8_t)((byte >> (7 - j)) & 1);
    }
    mismatches = 0;
    check(s, n, 2, "skewed", 0, 0);
    /* iid bits, 1 with probability 0.05: the batches go 20 to 30 bits deep */
    fill_bits(s, 0, n, 50);
    check(s, n, 2, "biased", 50, n);
    fill_bits(s, 0, n, 950);
    check(s, n, 2, "biased", 950, n);
    free(s);
    assert_int_equal(mismatches, 0);
}

static void periodic_bits(void **state)
{
    (void)state;
    mismatches = 0;
    /* every period up to 70, a few lengths each (not multiples of the period) */
    for (long p = 1; p <= 70; p++) {
        static const long lens[] = {2, 35, 64, 65, 100, 1001, 20011};
        for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
            uint8_t *s = buffer(lens[j]);
            fill_periodic(s, 0, lens[j], p);
            check(s, lens[j], 2, "periodic", p, lens[j]);
            free(s);
        }
    }
    /* longer periods, some just above and below a power of two */
    static const long periods[] = {127,  255,  256,  257,  999,  1000, 2047,
                                   2048, 2049, 3001, 4095, 4096, 4097, 5000};
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        long p = periods[i];
        static const long mult[] = {2, 3, 35, 36};
        for (size_t j = 0; j < sizeof mult / sizeof mult[0]; j++) {
            long n = p * mult[j] + (long)(rnd() % (uint64_t)p);
            uint8_t *s = buffer(n);
            fill_periodic(s, 0, n, p);
            check(s, n, 2, "periodic", p, n);
            free(s);
        }
    }
    /* the shape of counter_1M: a byte counter, period 2048 bits */
    long n = 2000000;
    uint8_t *s = buffer(n);
    for (long i = 0; i < n; i++)
        s[i] = (uint8_t)(((i / 8) & 0xff) >> (7 - i % 8) & 1);
    check(s, n, 2, "counter", 0, n);
    /* period words with long self-overlaps: 0^(p-1) 1 */
    for (long p = 2; p <= 5000; p = p * 3 + 1) {
        for (long i = 0; i < 100000; i++)
            s[i] = (uint8_t)(i % p == p - 1);
        check(s, 100000, 2, "0^(p-1)1", p, 100000);
    }
    free(s);
    assert_int_equal(mismatches, 0);
}

static void long_repeats(void **state)
{
    (void)state;
    mismatches = 0;
    long n = 400000;
    uint8_t *s = buffer(n);
    /* a random block repeated (twice, and 2.5 times) */
    fill_periodic(s, 0, n, n / 2);
    check(s, n, 2, "block x2", n / 2, 0);
    fill_periodic(s, 0, n, n / 2 - 3);
    check(s, n, 2, "block x2+", n / 2 - 3, 0);
    fill_periodic(s, 0, n, 160000);
    check(s, n, 2, "block x2.5", 160000, 0);
    /* random prefix, periodic tail; periodic prefix, random tail */
    static const long periods[] = {1, 7, 64, 2048, 3000};
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        fill_bits(s, 0, n / 3, 500);
        fill_periodic(s, n / 3, n, periods[i]);
        check(s, n, 2, "random+periodic", periods[i], 0);
        fill_periodic(s, 0, 2 * n / 3, periods[i]);
        fill_bits(s, 2 * n / 3, n, 500);
        check(s, n, 2, "periodic+random", periods[i], 0);
    }
    /* random data with one repeat of 5000 bits, and with a few of 70 to 300 bits */
    fill_bits(s, 0, n, 500);
    memcpy(s + 300000, s + 1000, 5000);
    check(s, n, 2, "one long repeat", 5000, 0);
    fill_bits(s, 0, n, 500);
    for (int r = 0; r < 20; r++)
        memcpy(s + 1000 + r * 15000, s + 200000 + r * 9000, (size_t)(70 + r * 12));
    check(s, n, 2, "short repeats", 20, 0);
    /* a period that holds for all but the last bit */
    fill_periodic(s, 0, n, 2048);
    s[n - 1] ^= 1;
    check(s, n, 2, "almost periodic", 2048, 0);
    free(s);
    assert_int_equal(mismatches, 0);
}

static void literal_symbols(void **state)
{
    (void)state;
    mismatches = 0;
    static const int ks[] = {3, 16, 256};
    static const long lens[] = {2, 3, 35, 64, 65, 100, 5000, 300000};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
            uint8_t *s = buffer(lens[j]);
            for (long x = 0; x < lens[j]; x++)
                s[x] = (uint8_t)(rnd() % (uint64_t)ks[i]);
            check(s, lens[j], ks[i], "literal", ks[i], lens[j]);
            /* the same, periodic */
            for (long x = 37; x < lens[j]; x++)
                s[x] = s[x - 37];
            check(s, lens[j], ks[i], "literal periodic", ks[i], lens[j]);
            free(s);
        }
    }
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_bits),  cmocka_unit_test(biased_bits),
        cmocka_unit_test(skewed_bytes), cmocka_unit_test(periodic_bits),
        cmocka_unit_test(long_repeats), cmocka_unit_test(literal_symbols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
