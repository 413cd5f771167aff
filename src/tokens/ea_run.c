/* The estimator battery of `ea_non_iid -a`: symbols are translated to 0..k-1 when fewer than
 * 2^bits values occur, the bit string is built from the untranslated values (most significant bit
 * first) and, for a non-binary alphabet, every estimator runs on it as well; collision, Markov and
 * compression run on the literal symbols only when they are binary. */
#include "tokens/ea.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[EA_N] = {
    "Most Common Value",
    "Collision Test",
    "Markov Test",
    "Compression Test",
    "T-Tuple Test",
    "LRS Test",
    "Multi Most Common in Window (MultiMCW) Prediction Test",
    "Lag Prediction Test",
    "Multi Markov Model with Counting (MultiMMC) Prediction Test",
    "LZ78Y Prediction Test",
};
static const char *const keys[EA_N] = {"mcv", "collision", "markov", "compression", "t_tuple",
                                       "lrs", "multi_mcw", "lag",    "multi_mmc",   "lz78y"};

const char *ea_name(ea_estimator e)
{
    return (unsigned)e < EA_N ? names[e] : "?";
}

const char *ea_key(ea_estimator e)
{
    return (unsigned)e < EA_N ? keys[e] : "?";
}

/* ---- the schedule ----
 * Two threads share the work, each running one list of a plan. The plans balance the time
 * (bench/README.md has the figures) and keep the peak under 32 MB: the largest working sets are the
 * bit-string suffix sort (~10 MiB, beside the 8 MiB bit string), the literal suffix array (~12 MiB)
 * and the literal MultiMMC dictionaries (~10 MiB). */

#define END EA_N

typedef struct {
    ea_estimator a[EA_N + 1], b[EA_N + 1]; /* run side by side; each ends with END */
} plan;

static const plan bit_plan = {
    {EA_TUPLE, EA_LZ78Y, EA_LAG, END},
    {EA_MMC, EA_MCW, EA_MCV, EA_COLLISION, EA_MARKOV, EA_COMPRESSION, END},
};
static const plan literal_plan = {
    {EA_MMC, END},
    {EA_TUPLE, EA_LZ78Y, EA_MCW, EA_LAG, EA_MCV, END},
};

void ea_estimate(ea_estimator e, const uint8_t *s, long len, int k, double est[EA_N])
{
    switch (e) {
    case EA_MCV:
        est[e] = ea_most_common(s, len, k);
        break;
    case EA_COLLISION:
        est[e] = k == 2 ? ea_collision(s, len) : EA_NOT_RUN;
        break;
    case EA_MARKOV:
        est[e] = k == 2 ? ea_markov(s, len) : EA_NOT_RUN;
        break;
    case EA_COMPRESSION:
        est[e] = k == 2 ? ea_compression(s, len) : EA_NOT_RUN;
        break;
    case EA_TUPLE:
    case EA_LRS:
        ea_tuple_lrs(s, len, k, &est[EA_TUPLE], &est[EA_LRS]);
        break;
    case EA_MCW:
        est[e] = ea_multi_mcw(s, len, k);
        break;
    case EA_LAG:
        est[e] = ea_lag(s, len, k);
        break;
    case EA_MMC:
        est[e] = ea_multi_mmc(s, len, k);
        break;
    case EA_LZ78Y:
        est[e] = ea_lz78y(s, len, k);
        break;
    default:
        break;
    }
}

typedef struct {
    const uint8_t *s;
    long len;
    int k;
    double *est;
    const ea_estimator *jobs;
} battery_job;

static void *run_list(void *arg)
{
    const battery_job *j = arg;
    for (const ea_estimator *e = j->jobs; *e != END; e++)
        ea_estimate(*e, j->s, j->len, j->k, j->est);
    return NULL;
}

/* Runs every estimator that applies to a stream with alphabet k into est[], the plan's two lists
 * on two threads (the estimators share nothing but the read-only input). */
static void battery(const uint8_t *s, long len, int k, const plan *p, double est[EA_N])
{
    for (int e = 0; e < EA_N; e++)
        est[e] = EA_NOT_RUN;
    battery_job a = {s, len, k, est, p->a}, b = {s, len, k, est, p->b};
    pthread_t t;
    bool threaded = len >= 100000 && pthread_create(&t, NULL, run_list, &b) == 0;
    run_list(&a);
    if (threaded)
        pthread_join(t, NULL);
    else
        run_list(&b);
}

static double minimum(const double est[EA_N], double start, ea_estimator *which)
{
    double h = start;
    *which = EA_N;
    for (int e = 0; e < EA_N; e++) {
        if (est[e] >= 0 && est[e] < h) {
            h = est[e];
            *which = (ea_estimator)e;
        }
    }
    return h;
}

int ea_assess(const uint8_t *raw, long len, int word_size, ea_result *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len <= 0 || !raw) {
        snprintf(err, errlen, "no samples");
        return -1;
    }
    uint8_t mask = 0;
    for (long i = 0; i < len; i++)
        mask |= raw[i];
    int width = 8;
    while (width > 0 && !(mask & (1u << (width - 1))))
        width--;
    if (word_size == 0) word_size = width;
    if (word_size < 1 || word_size > 8 || width > word_size) {
        snprintf(err, errlen, "samples do not fit in %d bits per symbol", word_size);
        return -1;
    }
    int present[256] = {0}, map[256];
    for (long i = 0; i < len; i++)
        present[raw[i]] = 1;
    int k = 0, maxsym = 0;
    for (int v = 0; v < 256; v++) {
        map[v] = present[v] ? k++ : 0;
        if (present[v]) maxsym = v;
    }
    out->word_size = word_size;
    out->alph_size = k;
    out->len = len;
    if (k <= 1) {
        snprintf(err, errlen, "a single symbol value: no entropy");
        return -1;
    }
    uint8_t *sym = malloc((size_t)len);
    if (!sym) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (long i = 0; i < len; i++)
        sym[i] = (uint8_t)(k < maxsym + 1 ? map[raw[i]] : raw[i]);

    out->h_bitstring = 1.0;
    out->bit_bound = EA_N;
    for (int e = 0; e < EA_N; e++)
        out->bit[e] = EA_NOT_RUN;
    if (k > 2) {
        long blen = len * word_size;
        uint8_t *bits = malloc((size_t)blen);
        if (!bits) {
            free(sym);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (long i = 0; i < len; i++)
            for (int j = 0; j < word_size; j++)
                bits[i * word_size + j] = (raw[i] >> (word_size - 1 - j)) & 1;
        battery(bits, blen, 2, &bit_plan, out->bit);
        free(bits);
        out->h_bitstring = minimum(out->bit, 1.0, &out->bit_bound);
    }
    battery(sym, len, k, &literal_plan, out->lit);
    free(sym);
    out->h_original = minimum(out->lit, word_size, &out->lit_bound);
    out->min_entropy = out->h_original;
    if (k > 2 && word_size * out->h_bitstring < out->min_entropy)
        out->min_entropy = word_size * out->h_bitstring;
    return 0;
}
