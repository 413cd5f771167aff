/* The verdict: effective min-entropy per token and the predictability findings.
 *
 * Effective entropy starts from the per-position tests (bits, or characters for alphabets that are
 * not a power of two, that pass both the count and the transition test at alpha corrected for the
 * number of positions: Burp Sequencer's "effective entropy" without its chance failures). The
 * SP 800-90B estimate is a conservative lower bound: on ideal data of 10^5-10^6 samples it reads
 * 80-92% of the true entropy, so it bounds the verdict only when it shows less than half of the
 * nominal entropy, which no ideal source does at these sample sizes. */
#include "tokens/tok_internal.h"
#include "util/xalloc.h"

#include <math.h>
#include <string.h>
#include <time.h>

void tokens_result_free(tokens_result *r)
{
    free(r->error);
    free(r->alphabet);
    free(r->prefix);
    free(r->suffix);
    free(r->pos);
    free(r->bit_monobit_p);
    free(r->bit_transitions_p);
    free(r->ea_error);
    for (size_t i = 0; i < r->n_issues; i++) {
        tokens_issue *is = &r->issues[i];
        free(is->kind);
        free(is->message);
        for (size_t j = 0; j < is->n_evidence; j++)
            free(is->evidence[j]);
        free(is->evidence);
    }
    free(r->issues);
    memset(r, 0, sizeof *r);
}

static int fail(tokens_result *r, const char *msg)
{
    free(r->error);
    r->error = xstrdup(msg);
    return -1;
}

static const char *reliability(size_t samples, size_t tokens)
{
    if (tokens < 100)
        return "very low: fewer than 100 tokens; collect at least 1,000 (better 20,000)";
    if (samples >= 1000000) return "as SP 800-90B requires (at least 1,000,000 samples)";
    if (samples >= 100000)
        return "conservative: fewer samples than SP 800-90B asks for (1,000,000), so the "
               "estimators read low even for ideal data";
    return "low: under 100,000 samples; the SP 800-90B figure is a loose lower bound";
}

static void verdict(const tok_decoded *d, tokens_result *r)
{
    double per_char = log2((double)d->k);
    double pos_bits = 0;
    if (d->pow2 && r->bit_positions) {
        pos_bits = (double)r->bits_pass;
        /* One marginal failure among all positions is what chance gives now and then (the
         * correction bounds the family-wise rate at alpha, not at zero): ideal live samples
         * would otherwise be flagged in a few runs out of a hundred. It counts only when it is
         * far beyond the threshold, or when another position fails too. */
        if (r->bit_positions - r->bits_pass == 1 && r->bits_fail_strong == 0)
            pos_bits = (double)r->bit_positions;
    } else {
        for (size_t j = 0; j < r->n_pos; j++)
            if (r->pos[j].pass) pos_bits += per_char;
    }
    for (size_t j = 0; j < r->n_pos; j++)
        r->pos[j].bits = r->pos[j].pass ? (int)floor(per_char + 1e-9) : 0;
    r->effective_bits = pos_bits;
    r->bounded_by = d->pow2 ? "per-bit-position tests" : "per-position character tests";
    if (r->ea_ok) {
        double h = d->pow2 ? r->ea.min_entropy : r->ea.h_original;
        double max = d->pow2 ? (double)d->bits : log2((double)d->k);
        r->nist_bits = h * (double)d->spt;
        if (max > 0 && h / max < 0.5 && r->nist_bits < r->effective_bits) {
            r->effective_bits = r->nist_bits;
            bool lit = !d->pow2 || r->ea.h_original <= r->ea.word_size * r->ea.h_bitstring;
            r->bounded_by = lit ? ea_name(r->ea.lit_bound) : ea_name(r->ea.bit_bound);
            if ((lit && r->ea.lit_bound == EA_N) || (!lit && r->ea.bit_bound == EA_N))
                r->bounded_by = "SP 800-90B";
        }
    }
    if (r->effective_bits >= 128) return;
    ss_severity sev = r->effective_bits < 64 ? SEV_HIGH : SEV_MEDIUM;
    tokens_issue *is = tok_issue(r, "SS-TOKEN-ENTROPY", sev, CONF_FIRM, "entropy",
                                 "estimated min-entropy of %.1f bits per session ID (below 128%s)",
                                 r->effective_bits, sev == SEV_HIGH ? ", and below 64" : "");
    tok_issue_evidence(is,
                       "%zu %s tokens of %zu characters: %.0f bits if every character were "
                       "random",
                       r->n_tokens, d->format, d->len, d->nominal_bits);
    tok_issue_evidence(is, "bounded by: %s", r->bounded_by);
    if (r->bit_positions)
        tok_issue_evidence(is, "%zu of %zu bit positions pass the monobit and transition tests",
                           r->bits_pass, r->bit_positions);
    if (r->n_fixed)
        tok_issue_evidence(is,
                           "%zu character positions never change (constant prefix %zu, "
                           "suffix %zu)",
                           r->n_fixed, r->prefix_len, r->suffix_len);
    if (r->ea_ok)
        tok_issue_evidence(is,
                           "SP 800-90B min-entropy: %.6f bits per symbol (%.1f bits per "
                           "token; reliability %s)",
                           d->pow2 ? r->ea.min_entropy : r->ea.h_original, r->nist_bits,
                           r->reliability);
}

int tokens_analyse(const tokens_set *s, const tokens_opts *oin, tokens_result *r)
{
    memset(r, 0, sizeof *r);
    tokens_opts o;
    if (oin)
        o = *oin;
    else
        tokens_opts_init(&o);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char err[256];
    tok_decoded d;
    if (tok_decode(s, &o, &d, err, sizeof err) != 0) return fail(r, err);
    r->format = d.format;
    r->n_tokens = d.n;
    if (d.jwt) {
        r->is_jwt = true;
        r->stream = "none";
        r->reliability = "not applicable";
        tok_decoded_free(&d);
        return 0;
    }
    if (d.n < 2) {
        tok_decoded_free(&d);
        return fail(r, s->is_raw ? "too few samples: need at least two tokens' worth"
                                 : "one token: need at least 2 tokens (better 20,000) to analyse");
    }
    r->stream = d.stream;
    r->alphabet = xstrdup(strcmp(d.format, "raw") == 0 ? "" : d.alphabet);
    r->alph_size = d.k;
    r->bits_per_char = log2((double)d.k);
    r->bits_per_symbol = d.bits;
    r->token_len = d.len;
    r->samples_per_token = d.spt;
    r->token_bits = (size_t)llround(d.nominal_bits);
    size_t nsamples = s->is_raw ? s->raw_len : d.n * d.spt;
    r->reliability = reliability(nsamples, d.n);

    tok_positions(&d, &o, r);
    tok_bit_positions(&d, &o, r);
    if (d.pow2) tok_fips(d.samples, nsamples, d.bits, &r->fips);
    tok_predictability(s, &d, r);
    if (!o.skip_estimators) {
        char eerr[128];
        /* SP 800-90B asks for 1,000,000 samples; more only costs time and memory. */
        size_t ns = nsamples > TOKENS_EA_SAMPLES ? TOKENS_EA_SAMPLES : nsamples;
        if (ea_assess(d.samples, (long)ns, d.bits, &r->ea, eerr, sizeof eerr) == 0) {
            r->ea_ok = true;
        } else {
            r->ea_error = xstrdup(eerr);
            /* A single symbol value everywhere: no entropy at all. */
            if (r->ea.alph_size == 1) {
                r->ea_ok = false;
                r->nist_bits = 0;
            }
        }
    }
    verdict(&d, r);
    tok_decoded_free(&d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return 0;
}
