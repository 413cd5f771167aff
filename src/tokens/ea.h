/* NIST SP 800-90B non-IID min-entropy estimators (section 6.3), computed the way the reference tool
 * (usnistgov/SP800-90B_EntropyAssessment, `ea_non_iid -a`) computes them, so that both print the
 * same six decimals. Inputs are symbol streams of at most 8 bits per symbol. */
#ifndef SS_TOKENS_EA_H
#define SS_TOKENS_EA_H
#include <stddef.h>
#include <stdint.h>

typedef enum {
    EA_MCV = 0,
    EA_COLLISION,
    EA_MARKOV,
    EA_COMPRESSION,
    EA_TUPLE,
    EA_LRS,
    EA_MCW,
    EA_LAG,
    EA_MMC,
    EA_LZ78Y,
    EA_N
} ea_estimator;

/* An estimate that did not run (not applicable, or too little data) is EA_NOT_RUN. */
#define EA_NOT_RUN (-1.0)

typedef struct {
    int word_size;                               /* bits per symbol, 1..8 */
    int alph_size;                               /* distinct symbols present */
    long len;                                    /* samples */
    double lit[EA_N];                            /* literal estimators, bits per symbol */
    double bit[EA_N];                            /* bit-string estimators, bits per bit */
    double h_original, h_bitstring, min_entropy; /* min_entropy per symbol */
    ea_estimator lit_bound, bit_bound; /* the estimator that set h_original / h_bitstring */
} ea_result;

/* Assesses raw samples (each < 2^word_size; word_size 0 = infer from the data as the tool does).
 * Returns 0, or -1 with err set (empty input, a single symbol value, samples wider than word_size).
 */
int ea_assess(const uint8_t *raw, long len, int word_size, ea_result *out, char *err,
              size_t errlen);

const char *ea_name(ea_estimator e); /* the tool's printed name, e.g. "Most Common Value" */
const char *ea_key(ea_estimator e);  /* short JSON key, e.g. "mcv" */

/* One estimator (t-tuple and LRS together) on symbols 0..k-1 into est[e], as ea_assess runs it:
 * collision, Markov and compression only on binary data (EA_NOT_RUN otherwise). */
void ea_estimate(ea_estimator e, const uint8_t *s, long len, int k, double est[EA_N]);

/* Individual estimators (exposed for tests and the bench). data holds symbols 0..k-1. */
double ea_most_common(const uint8_t *data, long len, int k);
double ea_collision(const uint8_t *bits, long len);
double ea_markov(const uint8_t *bits, long len);
double ea_compression(const uint8_t *bits, long len);
/* Both from one suffix array; either may come back EA_NOT_RUN. */
void ea_tuple_lrs(const uint8_t *data, long len, int k, double *tuple, double *lrs);
double ea_multi_mcw(const uint8_t *data, long len, int k);
double ea_lag(const uint8_t *data, long len, int k);
double ea_multi_mmc(const uint8_t *data, long len, int k);
double ea_lz78y(const uint8_t *data, long len, int k);
/* Section 6.3.7-6.3.10 step: min-entropy from C correct predictions of N, longest run r-1. */
double ea_prediction_estimate(long C, long N, long max_run, long k);

#endif
