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

typedef struct {
    const uint8_t *s;
    long len;
    int k;
    double *est;
} battery_job;

/* Half of the battery: the suffix-array estimators and the cheap ones, with Lag. */
static void *battery_a(void *arg)
{
    battery_job *j = arg;
    j->est[EA_MCV] = ea_most_common(j->s, j->len, j->k);
    if (j->k == 2) {
        j->est[EA_COLLISION] = ea_collision(j->s, j->len);
        j->est[EA_MARKOV] = ea_markov(j->s, j->len);
        j->est[EA_COMPRESSION] = ea_compression(j->s, j->len);
    }
    ea_tuple_lrs(j->s, j->len, j->k, &j->est[EA_TUPLE], &j->est[EA_LRS]);
    j->est[EA_LAG] = ea_lag(j->s, j->len, j->k);
    return NULL;
}

/* The other half: the dictionary predictors and MultiMCW. */
static void *battery_b(void *arg)
{
    battery_job *j = arg;
    j->est[EA_MCW] = ea_multi_mcw(j->s, j->len, j->k);
    j->est[EA_MMC] = ea_multi_mmc(j->s, j->len, j->k);
    j->est[EA_LZ78Y] = ea_lz78y(j->s, j->len, j->k);
    return NULL;
}

/* Runs every estimator that applies to a stream with alphabet k into est[], on two threads when
 * it can (the estimators share nothing but the read-only input). */
static void battery(const uint8_t *s, long len, int k, double est[EA_N])
{
    for (int e = 0; e < EA_N; e++)
        est[e] = EA_NOT_RUN;
    battery_job j = {s, len, k, est};
    pthread_t t;
    bool threaded = len >= 100000 && pthread_create(&t, NULL, battery_b, &j) == 0;
    battery_a(&j);
    if (threaded)
        pthread_join(t, NULL);
    else
        battery_b(&j);
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
        battery(bits, blen, 2, out->bit);
        free(bits);
        out->h_bitstring = minimum(out->bit, 1.0, &out->bit_bound);
    }
    battery(sym, len, k, out->lit);
    free(sym);
    out->h_original = minimum(out->lit, word_size, &out->lit_bound);
    out->min_entropy = out->h_original;
    if (k > 2 && word_size * out->h_bitstring < out->min_entropy)
        out->min_entropy = word_size * out->h_bitstring;
    return 0;
}
