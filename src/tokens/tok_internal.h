/* Internal interfaces of the tokens module. */
#ifndef SS_TOKENS_INTERNAL_H
#define SS_TOKENS_INTERNAL_H
#include "tokens/tokens.h"

/* Tokens decoded into a character matrix (per-position analysis) and a sample stream (bit tests
 * and SP 800-90B estimators). */
typedef struct {
    const char *format;
    const char *stream;  /* "nibbles", "bytes", "symbols" */
    char alphabet[257];  /* character alphabet, index = symbol */
    size_t k;            /* alphabet size */
    size_t n, len;       /* tokens, characters per token */
    uint8_t *chars;      /* n * len symbol indices */
    size_t spt;          /* samples per token */
    uint8_t *samples;    /* n * spt */
    int bits;            /* bits per sample */
    bool pow2;           /* samples are uniform over 2^bits values when random */
    int radix;           /* numeric value of a sample digit, for counter/clock fields */
    double nominal_bits; /* bits per token if every character were random */
    bool jwt;
    char note[160]; /* decoding remark for the reader ("" if none) */
} tok_decoded;

int tok_decode(const tokens_set *s, const tokens_opts *o, tok_decoded *d, char *err, size_t errlen);
void tok_decoded_free(tok_decoded *d);

/* Statistics helpers. */
double tok_chi2_p(double chi2, double df); /* upper tail of chi-square */
double tok_normal_p(double z);             /* two-sided p of a standard normal z */

/* Per-position and structure analysis (tok_struct.c). */
void tok_positions(const tok_decoded *d, const tokens_opts *o, tokens_result *r);
void tok_bit_positions(const tok_decoded *d, const tokens_opts *o, tokens_result *r);
void tok_fips(const uint8_t *samples, size_t n, int bits, tokens_fips *f);
/* Duplicates, counters, clocks, periodic and generator-predictable streams (tok_predict.c). */
void tok_predictability(const tokens_set *s, const tok_decoded *d, tokens_result *r);
/* Streams from java.util.Random, recognised by recovering its state (tok_jrand.c). */
void tok_known_generators(const uint8_t *samples, size_t len, int bits, tokens_result *r);

tokens_issue *tok_issue(tokens_result *r, const char *rule, ss_severity sev, ss_confidence conf,
                        const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void tok_issue_evidence(tokens_issue *is, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A token shown in output: its first 4 characters and its length, never the whole value. */
void tok_redact(const char *tok, char *out, size_t outlen);

#endif
