/* The fast binary MultiMCW and Lag predictors (64 steps at a time, ea_board.c) count exactly what
 * a plain step-by-step transcription of the reference tool counts, on every kind of bit string:
 * random, biased, periodic, constant stretches, and lengths around every threshold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens/ea.h"
#include "tokens_rng.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- oracles: the reference tool's loops, one step at a time ---- */

static double plain_mcw(const uint8_t *data, long len)
{
    static const long w[4] = {63, 255, 1023, 4095};
    if (len < w[3] + 1) return EA_NOT_RUN;
    long score[4] = {0}, ones[4] = {0}, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    for (long i = 0; i < w[0]; i++)
        for (int j = 0; j < 4; j++)
            ones[j] += data[i];
    for (long i = w[0]; i < len; i++) {
        uint8_t s = data[i];
        int pred[4];
        for (int j = 0; j < 4; j++) {
            /* ones in data[i - w .. i - 1]: the window's most common value is never a tie */
            if (i > w[0]) ones[j] += data[i - 1] - (i - 1 - w[j] >= 0 ? data[i - 1 - w[j]] : 0);
            pred[j] = ones[j] * 2 > w[j];
        }
        if (pred[winner] == s) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
        for (int j = 0; j < 4; j++)
            if (i >= w[j] && pred[j] == s && ++score[j] >= score[winner]) winner = j;
    }
    return ea_prediction_estimate(c, len - w[0], maxrun, 2);
}

static double plain_lag(const uint8_t *s, long len)
{
    if (len < 3) return EA_NOT_RUN;
    long score[128] = {0}, high = 0, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    for (long i = 1; i < len; i++) {
        if (s[i] == s[i - winner - 1]) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
        for (int d = 0; d < 128 && d <= i - 1; d++) {
            if (s[i] == s[i - 1 - d] && ++score[d] >= high) {
                winner = d;
                high = score[d];
            }
        }
    }
    return ea_prediction_estimate(c, len - 1, maxrun, 2);
}

/* ---- inputs ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void)
{
    return td_xorshift(&rng);
}

typedef enum { RANDOM, BIASED_LOW, BIASED_HIGH, PERIODIC, STRETCHES, NOISY_PERIODIC } shape;

static uint8_t *make(shape sh, long len, long period)
{
    uint8_t *b = calloc((size_t)len + 1, 1), *pat = calloc((size_t)period, 1);
    assert_non_null(b);
    assert_non_null(pat);
    for (long i = 0; i < period; i++)
        pat[i] = next() & 1;
    for (long i = 0; i < len; i++) {
        uint64_t r = next();
        switch (sh) {
        case RANDOM:
            b[i] = r & 1;
            break;
        case BIASED_LOW:
            b[i] = (r % 100) < 5;
            break;
        case BIASED_HIGH:
            b[i] = (r % 100) < 95;
            break;
        case PERIODIC:
            b[i] = pat[i % period];
            break;
        case STRETCHES:
            b[i] = (uint8_t)((i / period) & 1);
            break;
        case NOISY_PERIODIC:
            b[i] = (uint8_t)(pat[i % period] ^ ((r % 50) == 0));
            break;
        }
    }
    free(pat);
    return b;
}

static void compare(shape sh, long len, long period)
{
    uint8_t *b = make(sh, len, period);
    double fast = ea_multi_mcw(b, len, 2), slow = plain_mcw(b, len);
    if (fast != slow)
        fail_msg("MultiMCW shape %d len %ld period %ld: %.17g != %.17g", sh, len, period, fast,
                 slow);
    fast = ea_lag(b, len, 2);
    slow = plain_lag(b, len);
    if (fast != slow)
        fail_msg("Lag shape %d len %ld period %ld: %.17g != %.17g", sh, len, period, fast, slow);
    free(b);
}

static void lengths_around_thresholds(void **state)
{
    (void)state;
    static const long lens[] = {3,    4,    5,    63,   64,   65,   66,   127,
                                128,  129,  130,  191,  192,  193,  4095, 4096,
                                4097, 4158, 4159, 4160, 4161, 8191, 8192, 8193};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        for (int sh = RANDOM; sh <= NOISY_PERIODIC; sh++)
            compare((shape)sh, lens[i], 7);
}

static void every_shape_and_period(void **state)
{
    (void)state;
    static const long periods[] = {1, 2, 3, 5, 8, 63, 64, 65, 100, 127, 128, 129, 200, 2048, 5000};
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++)
        for (int sh = RANDOM; sh <= NOISY_PERIODIC; sh++)
            compare((shape)sh, 20000 + (long)p * 37, periods[p]);
}

static void long_random_streams(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++)
        compare(RANDOM, 200000 + k * 13, 1);
    compare(BIASED_HIGH, 200003, 1);
    compare(NOISY_PERIODIC, 200005, 129);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths_around_thresholds),
        cmocka_unit_test(every_shape_and_period),
        cmocka_unit_test(long_random_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
