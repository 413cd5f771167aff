/* Randomness analysis of session identifiers: `sessionscan tokens [FILE|-]` and `scan --samples N`.
 *
 *   tokens_opts o; tokens_opts_init(&o);          // then set overrides from the command line
 *   tokens_set s; tokens_load(fp, &o, &s, err, sizeof err);   // or tokens_set_from_list()
 *   tokens_result r; tokens_analyse(&s, &o, &r);  // r.error set when the input can't be analysed
 *   tokens_to_report(&r, &report);                // SS-TOKEN-* findings + report.extra_json
 *   tokens_print_text(&r, stdout);
 *   tokens_result_free(&r); tokens_set_free(&s);
 *
 * Tokens are decoded into symbols (hex, base64/base64url, base32, alphanumeric, decimal, UUID,
 * PHP 5-bit ids, express-session `s:<id>.<sig>` cookies; JWTs are recognised and not analysed as
 * random strings). Analyses: per-position character counts and transitions, per-bit-position and
 * FIPS 140-2 bit tests, the NIST SP 800-90B non-IID estimators, and the structure statistics cannot
 * see: duplicates, counters, clocks, periodic and generator-predictable streams. */
#ifndef SS_TOKENS_H
#define SS_TOKENS_H
#include "report/finding.h"
#include "tokens/ea.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TOKENS_MAX_LINE 4096         /* longest token line accepted */
#define TOKENS_MAX_COUNT 1000000     /* most tokens read */
#define TOKENS_MAX_RAW (64u << 20)   /* most --raw bytes read */
#define TOKENS_MAX_CHARS (64u << 20) /* most characters analysed (tokens x length) */
#define TOKENS_EA_SAMPLES 1000000    /* samples given to the SP 800-90B estimators */

typedef struct {
    const char *alphabet; /* --alphabet: symbols in order (NULL = detect) */
    int bits_per_symbol;  /* --bits-per-symbol for the estimators (0 = from the alphabet) */
    bool raw;             /* --raw: the input is a binary sample stream, not token lines */
    size_t raw_token_len; /* --raw: bytes per token (0 = 16, i.e. 128-bit tokens) */
    double alpha;         /* significance of the per-position tests (default 0.01) */
    size_t max_tokens;    /* default TOKENS_MAX_COUNT */
    size_t max_line;      /* default TOKENS_MAX_LINE */
    bool skip_estimators; /* leave out SP 800-90B (structure and bit tests only) */
} tokens_opts;

void tokens_opts_init(tokens_opts *o);

typedef struct {
    char **tok; /* text tokens, NUL-terminated, without line ends */
    size_t n, cap;
    uint8_t *raw; /* --raw bytes */
    size_t raw_len;
    bool is_raw;
} tokens_set;

/* Reads one token per line (CRLF or LF; blank lines skipped) or, with o->raw, binary bytes.
 * Returns 0, or -1 with a one-line message in err (empty input, a line over the limit, a NUL
 * byte or invalid UTF-8 in a text file, too many tokens, read error). */
int tokens_load(FILE *in, const tokens_opts *o, tokens_set *out, char *err, size_t errlen);
/* Builds a set from tokens collected elsewhere (scan --samples); copies the strings. */
void tokens_set_from_list(tokens_set *out, const char *const *tokens, size_t n);
void tokens_set_add(tokens_set *s, const char *token);
void tokens_set_free(tokens_set *s);

typedef struct {
    size_t index;         /* character position, 0-based */
    size_t distinct;      /* symbols seen here */
    char alphabet[80];    /* the symbols seen, in alphabet order (truncated with "…" if long) */
    double min_entropy;   /* -log2(most frequent count / tokens) */
    double chi2_p;        /* counts against a uniform alphabet */
    double transitions_p; /* changes between successive tokens against 1 - 1/k */
    bool fixed;           /* one symbol in every token */
    bool pass;
    int bits; /* bits this position contributes to the effective entropy */
} tokens_position;

typedef struct {
    size_t blocks; /* 20,000-bit blocks tested */
    size_t fail_monobit, fail_poker, fail_runs, fail_long_run;
} tokens_fips;

typedef struct {
    const char *rule; /* "SS-TOKEN-ENTROPY" or "SS-TOKEN-PREDICTABLE" */
    ss_severity severity;
    ss_confidence confidence;
    char *kind; /* "duplicate", "counter", "timestamp", "monotonic", "periodic", ... */
    char *message;
    char **evidence;
    size_t n_evidence;
} tokens_issue;

typedef struct {
    char *error;        /* set when the input could not be analysed */
    const char *format; /* "hex", "base64url", "express-session", "jwt", "raw", ... */
    const char *stream; /* what the estimators saw: "nibbles", "bytes", "symbols" */
    char *alphabet;     /* the symbols, in order */
    size_t alph_size;
    double bits_per_char;       /* log2(alphabet size) */
    int bits_per_symbol;        /* of the sample stream the estimators saw */
    size_t n_tokens, token_len; /* characters per token */
    size_t samples_per_token;
    size_t prefix_len, suffix_len, n_fixed;
    char *prefix, *suffix; /* the constant parts (never secret: shared by every token) */
    tokens_position *pos;
    size_t n_pos;
    size_t token_bits; /* nominal bits per token */
    size_t bit_positions, bits_pass, bits_pass_uncorrected;
    size_t bits_fail_strong; /* positions failing far beyond the corrected threshold */
    double *bit_monobit_p, *bit_transitions_p; /* per bit position, for charts */
    tokens_fips fips;
    bool ea_ok;
    ea_result ea;
    char *ea_error;
    double nist_bits;        /* min-entropy per token from SP 800-90B */
    double effective_bits;   /* the verdict's estimate of min-entropy per token */
    const char *bounded_by;  /* what set effective_bits */
    const char *reliability; /* how far to trust it at this sample size */
    size_t duplicates;
    bool is_jwt;
    tokens_issue *issues;
    size_t n_issues, cap_issues;
    double seconds; /* analysis time */
} tokens_result;

/* Returns 0 when res holds an analysis; -1 with res->error set otherwise. */
int tokens_analyse(const tokens_set *s, const tokens_opts *o, tokens_result *res);
void tokens_result_free(tokens_result *res);

/* Adds SS-TOKEN-ENTROPY / SS-TOKEN-PREDICTABLE findings and sets r->extra_json (json_t*, owned
 * by the report: report_free releases it). Sets r->error when res holds an error. */
void tokens_to_report(const tokens_result *res, ss_report *r);
/* The analysis as JSON (new reference). */
void *tokens_to_json(const tokens_result *res);
void tokens_print_text(const tokens_result *res, FILE *out);

#endif
