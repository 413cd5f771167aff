/* Presenting an analysis: findings for the report, JSON for machines and charts, text for people.
 */
#include "tokens/tok_internal.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *estimates(const double *e)
{
    json_t *o = json_object();
    for (int i = 0; i < EA_N; i++)
        if (e[i] >= 0) json_object_set_new(o, ea_name((ea_estimator)i), num(e[i]));
    return o;
}

static json_t *ea_json(const tokens_result *res)
{
    json_t *o = json_object();
    const ea_result *e = &res->ea;
    json_object_set_new(o, "samples", json_integer(e->len));
    json_object_set_new(o, "bits_per_symbol", json_integer(e->word_size));
    json_object_set_new(o, "distinct_symbols", json_integer(e->alph_size));
    json_object_set_new(o, "estimators", estimates(e->lit));
    json_object_set_new(o, "bitstring_estimators", estimates(e->bit));
    json_object_set_new(o, "H_original", num(e->h_original));
    if (e->alph_size > 2) json_object_set_new(o, "H_bitstring", num(e->h_bitstring));
    json_object_set_new(o, "min_entropy_per_symbol", num(e->min_entropy));
    json_object_set_new(
        o, "H_original_bound",
        json_string(e->lit_bound < EA_N ? ea_name(e->lit_bound) : "bits per symbol"));
    if (e->alph_size > 2)
        json_object_set_new(o, "H_bitstring_bound",
                            json_string(e->bit_bound < EA_N ? ea_name(e->bit_bound) : "1 bit"));
    json_object_set_new(o, "bits_per_token", num(res->nist_bits));
    return o;
}

void *tokens_to_json(const tokens_result *res)
{
    json_t *o = json_object();
    if (res->error) {
        json_object_set_new(o, "error", json_string(res->error));
        return o;
    }
    json_object_set_new(o, "format", json_string(res->format ? res->format : "?"));
    json_object_set_new(o, "tokens", json_integer((json_int_t)res->n_tokens));
    if (res->is_jwt) {
        json_object_set_new(o, "jwt", json_true());
        json_object_set_new(o, "note",
                            json_string("JWTs are signed claims, not random strings: "
                                        "their randomness is not assessed"));
        return o;
    }
    json_object_set_new(o, "stream", json_string(res->stream));
    json_object_set_new(o, "alphabet", json_string(res->alphabet ? res->alphabet : ""));
    json_object_set_new(o, "alphabet_size", json_integer((json_int_t)res->alph_size));
    json_object_set_new(o, "bits_per_character", num(res->bits_per_char));
    json_object_set_new(o, "bits_per_symbol", json_integer(res->bits_per_symbol));
    json_object_set_new(o, "token_length", json_integer((json_int_t)res->token_len));
    json_object_set_new(o, "samples_per_token", json_integer((json_int_t)res->samples_per_token));
    json_object_set_new(o, "nominal_bits", json_integer((json_int_t)res->token_bits));
    json_object_set_new(o, "effective_bits", num(res->effective_bits));
    json_object_set_new(o, "bounded_by", json_string(res->bounded_by ? res->bounded_by : ""));
    json_object_set_new(o, "reliability", json_string(res->reliability ? res->reliability : ""));

    json_t *st = json_object();
    json_object_set_new(st, "prefix_length", json_integer((json_int_t)res->prefix_len));
    json_object_set_new(st, "suffix_length", json_integer((json_int_t)res->suffix_len));
    json_object_set_new(st, "fixed_positions", json_integer((json_int_t)res->n_fixed));
    json_object_set_new(st, "prefix", json_string(res->prefix ? res->prefix : ""));
    json_object_set_new(st, "suffix", json_string(res->suffix ? res->suffix : ""));
    json_object_set_new(st, "duplicates", json_integer((json_int_t)res->duplicates));
    json_object_set_new(o, "structure", st);

    json_t *pos = json_array();
    for (size_t i = 0; i < res->n_pos; i++) {
        const tokens_position *p = &res->pos[i];
        json_t *e = json_object();
        json_object_set_new(e, "position", json_integer((json_int_t)p->index + 1));
        json_object_set_new(e, "distinct", json_integer((json_int_t)p->distinct));
        json_object_set_new(e, "alphabet", json_string(p->alphabet));
        json_object_set_new(e, "min_entropy", num(p->min_entropy));
        json_object_set_new(e, "chi2_p", num(p->chi2_p));
        json_object_set_new(e, "transitions_p", num(p->transitions_p));
        json_object_set_new(e, "fixed", json_boolean(p->fixed));
        json_object_set_new(e, "pass", json_boolean(p->pass));
        json_object_set_new(e, "bits", json_integer(p->bits));
        json_array_append_new(pos, e);
    }
    json_object_set_new(o, "positions", pos);

    if (res->bit_positions) {
        json_t *b = json_object(), *m = json_array(), *t = json_array();
        for (size_t i = 0; i < res->bit_positions; i++) {
            json_array_append_new(m, num(res->bit_monobit_p[i]));
            json_array_append_new(t, num(res->bit_transitions_p[i]));
        }
        json_object_set_new(b, "count", json_integer((json_int_t)res->bit_positions));
        json_object_set_new(b, "pass", json_integer((json_int_t)res->bits_pass));
        json_object_set_new(b, "pass_uncorrected",
                            json_integer((json_int_t)res->bits_pass_uncorrected));
        json_object_set_new(b, "monobit_p", m);
        json_object_set_new(b, "transitions_p", t);
        json_object_set_new(o, "bit_positions", b);
    }
    json_t *f = json_object();
    json_object_set_new(f, "blocks", json_integer((json_int_t)res->fips.blocks));
    json_object_set_new(f, "monobit_failures", json_integer((json_int_t)res->fips.fail_monobit));
    json_object_set_new(f, "poker_failures", json_integer((json_int_t)res->fips.fail_poker));
    json_object_set_new(f, "runs_failures", json_integer((json_int_t)res->fips.fail_runs));
    json_object_set_new(f, "long_run_failures", json_integer((json_int_t)res->fips.fail_long_run));
    json_object_set_new(o, "fips140_2", f);
    if (res->ea_ok)
        json_object_set_new(o, "sp800_90b", ea_json(res));
    else if (res->ea_error)
        json_object_set_new(o, "sp800_90b_error", json_string(res->ea_error));

    json_t *iss = json_array();
    for (size_t i = 0; i < res->n_issues; i++) {
        const tokens_issue *is = &res->issues[i];
        json_t *e = json_object(), *ev = json_array();
        json_object_set_new(e, "rule", json_string(is->rule));
        json_object_set_new(e, "kind", json_string(is->kind));
        json_object_set_new(e, "severity", json_string(severity_name(is->severity)));
        json_object_set_new(e, "message", json_string(is->message));
        for (size_t j = 0; j < is->n_evidence; j++)
            json_array_append_new(ev, json_string(is->evidence[j]));
        json_object_set_new(e, "evidence", ev);
        json_array_append_new(iss, e);
    }
    json_object_set_new(o, "issues", iss);
    json_object_set_new(o, "seconds", num(res->seconds));
    return o;
}

void tokens_to_report(const tokens_result *res, ss_report *r)
{
    if (res->error) {
        report_set_error(r, "%s", res->error);
        return;
    }
    if (res->is_jwt) {
        report_check(r, "tokens", CHECK_SKIPPED,
                     "the tokens are JWTs (signed claims), not random session IDs");
    } else {
        for (size_t i = 0; i < res->n_issues; i++) {
            const tokens_issue *is = &res->issues[i];
            ss_finding *f =
                report_add(r, is->rule, is->confidence, "session IDs", "%s", is->message);
            if (!f) continue;
            f->severity = is->severity;
            f->check = "tokens";
            for (size_t j = 0; j < is->n_evidence; j++)
                finding_evidence(f, "%s", is->evidence[j]);
        }
        report_check(r, "tokens", res->n_issues ? CHECK_FAIL : CHECK_PASS,
                     "%.1f bits of min-entropy per token (%s)", res->effective_bits,
                     res->bounded_by);
    }
    if (r->extra_json) json_decref(r->extra_json);
    r->extra_json = tokens_to_json(res);
}

void tokens_print_text(const tokens_result *res, FILE *out)
{
    if (res->error) {
        fprintf(out, "error: %s\n", res->error);
        return;
    }
    if (res->is_jwt) {
        fprintf(out, "%zu JWTs: signed claims, not random session IDs; randomness not assessed.\n",
                res->n_tokens);
        return;
    }
    fprintf(out,
            "Tokens: %zu, format %s, %zu characters (%s, %.2f bits each), %s stream of "
            "%zu x %d-bit samples per token\n",
            res->n_tokens, res->format, res->token_len,
            res->alph_size > 64 ? "bytes" : res->alphabet, res->bits_per_char, res->stream,
            res->samples_per_token, res->bits_per_symbol);
    fprintf(out, "Effective entropy: %.1f of %zu bits per token (bounded by %s)\n",
            res->effective_bits, res->token_bits, res->bounded_by);
    fprintf(out, "Reliability: %s\n", res->reliability);
    if (res->n_fixed)
        fprintf(out, "Structure: %zu fixed positions, constant prefix %zu (\"%s\"), suffix %zu\n",
                res->n_fixed, res->prefix_len, res->prefix, res->suffix_len);
    if (res->bit_positions)
        fprintf(out, "Bit positions: %zu of %zu pass (%zu at alpha without correction)\n",
                res->bits_pass, res->bit_positions, res->bits_pass_uncorrected);
    if (res->fips.blocks)
        fprintf(out,
                "FIPS 140-2: %zu blocks, failures monobit %zu poker %zu runs %zu long run %zu\n",
                res->fips.blocks, res->fips.fail_monobit, res->fips.fail_poker, res->fips.fail_runs,
                res->fips.fail_long_run);
    if (res->ea_ok) {
        const ea_result *e = &res->ea;
        fprintf(out, "SP 800-90B (%ld samples, %d distinct, %d bits): H_original %.6f", e->len,
                e->alph_size, e->word_size, e->h_original);
        if (e->alph_size > 2) fprintf(out, ", H_bitstring %.6f", e->h_bitstring);
        fprintf(out, ", min-entropy %.6f per symbol = %.1f bits per token\n", e->min_entropy,
                res->nist_bits);
        for (int i = 0; i < EA_N; i++) {
            if (e->lit[i] < 0 && e->bit[i] < 0) continue;
            fprintf(out, "  %-60s", ea_name((ea_estimator)i));
            if (e->lit[i] >= 0)
                fprintf(out, " %9.6f", e->lit[i]);
            else
                fprintf(out, " %9s", "-");
            if (e->bit[i] >= 0) fprintf(out, "  bitstring %8.6f", e->bit[i]);
            fputc('\n', out);
        }
    } else if (res->ea_error) {
        fprintf(out, "SP 800-90B: %s\n", res->ea_error);
    }
    for (size_t i = 0; i < res->n_issues; i++) {
        const tokens_issue *is = &res->issues[i];
        fprintf(out, "[%s] %s: %s\n", severity_name(is->severity), is->rule, is->message);
        for (size_t j = 0; j < is->n_evidence; j++)
            fprintf(out, "    - %s\n", is->evidence[j]);
    }
    if (!res->n_issues) fprintf(out, "No findings.\n");
}
