/* sessionscan tokens [FILE|-]: randomness analysis of a list of session IDs (DESIGN §2 step 10). */
#include "cli/commands.h"
#include "cli/common.h"
#include "tokens/tokens.h"

#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *alphabet;
    unsigned bits_per_symbol, token_bytes;
    bool raw, no_estimators;
    double alpha;
    ss_output_cfg out;
} tokens_cfg;

#define F(field) offsetof(tokens_cfg, field)
static const ss_optdef tokens_opts_table[] = {
    {"alphabet", 0, OPT_STRING, "SYMBOLS", "the token alphabet, in order (default: detected)",
     F(alphabet)},
    {"bits-per-symbol", 0, OPT_UINT, "N", "bits per symbol for the estimators (default: detected)",
     F(bits_per_symbol)},
    {"raw", 0, OPT_FLAG, NULL, "the input is binary sample bytes, not one token per line", F(raw)},
    {"token-bytes", 0, OPT_UINT, "N", "with --raw: bytes per token (default 16)", F(token_bytes)},
    {"significance", 0, OPT_DOUBLE, "P", "significance of the per-position tests (default 0.01)",
     F(alpha)},
    {"no-estimators", 0, OPT_FLAG, NULL, "skip the SP 800-90B estimators (structure tests only)",
     F(no_estimators)},
    OUTPUT_OPTIONS(tokens_cfg, out),
    {NULL, 0, OPT_FLAG, NULL, NULL, 0},
};
#undef F

static const char *usage_line = "sessionscan tokens [FILE|-] [--alphabet SYMBOLS] [--raw]";

static int analyse(tokens_cfg *c, const char *name, FILE *in, ss_severity fail_on)
{
    tokens_opts o;
    tokens_opts_init(&o);
    o.alphabet = c->alphabet;
    o.bits_per_symbol = (int)c->bits_per_symbol;
    o.raw = c->raw;
    if (c->token_bytes) o.raw_token_len = c->token_bytes;
    if (c->alpha > 0) o.alpha = c->alpha;
    o.skip_estimators = c->no_estimators;
    char err[512];
    tokens_set set;
    if (tokens_load(in, &o, &set, err, sizeof err) != 0) return fail_usage("tokens", err);
    tokens_result res;
    int rc = tokens_analyse(&set, &o, &res);
    tokens_set_free(&set);
    if (rc != 0 || res.error) {
        snprintf(err, sizeof err, "%s: %s", name, res.error ? res.error : "cannot analyse");
        tokens_result_free(&res);
        return fail_usage("tokens", err);
    }
    ss_report rep;
    report_init(&rep, "tokens", name);
    tokens_to_report(&res, &rep);
    if (!c->out.quiet)
        tokens_print_text(&res, c->out.json && strcmp(c->out.json, "-") == 0 ? stderr : stdout);
    rc = output_emit(&c->out, &rep) != 0 ? EXIT_USAGE : output_exit_code(&rep, fail_on);
    tokens_result_free(&res);
    report_free(&rep);
    return rc;
}

static int tokens_main(tokens_cfg *c, const ss_strlist *pos)
{
    char err[512];
    ss_severity fail_on;
    if (pos->n > 1) return fail_usage("tokens", "tokens takes one file (or - for standard input)");
    if (output_validate(&c->out, &fail_on, err, sizeof err) != 0) return fail_usage("tokens", err);
    const char *path = pos->n ? pos->items[0] : "-";
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, c->raw ? "rb" : "r");
    if (!in) {
        snprintf(err, sizeof err, "cannot read %s", path);
        return fail_usage("tokens", err);
    }
    int rc = analyse(c, strcmp(path, "-") == 0 ? "standard input" : path, in, fail_on);
    if (in != stdin) (void)fclose(in); /* read only */
    return rc;
}

static int tokens_body(void *cfg, const ss_strlist *pos)
{
    return tokens_main(cfg, pos);
}

int cmd_tokens(int argc, char **argv)
{
    tokens_cfg cfg;
    return command_run("tokens", tokens_opts_table, &cfg, sizeof cfg, &cfg.out, usage_line, argc,
                       argv, tokens_body);
}
