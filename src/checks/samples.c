/* DESIGN §2 step 10 (scan --samples N): N fresh session IDs, collected concurrently from the entry
 * point that hands them out, through the tokens analysis (SS-TOKEN-ENTROPY, SS-TOKEN-PREDICTABLE).
 */
#include "checks/check.h"
#include "cookie/setcookie.h"
#include "flow/steps.h"
#include "tokens/tokens.h"
#include "util/xalloc.h"

#include <string.h>
#include <unistd.h>

#define MIN_SAMPLES 30

typedef struct {
    const char *cookie;
    char **by_seq; /* the ID each request got, in the order the requests were sent */
    unsigned seen, total;
    bool progress;
} sampler;

static void on_sample(void *ctx, unsigned seq, const ss_response *resp)
{
    sampler *sm = ctx;
    sm->seen++;
    for (size_t i = 0; i < resp->n_set_cookies && seq < sm->total; i++) {
        ss_setcookie c;
        if (setcookie_parse(resp->set_cookies[i], strlen(resp->set_cookies[i]), &c) != 0) continue;
        if (strcmp(c.name, sm->cookie) == 0 && *c.value && !sm->by_seq[seq])
            sm->by_seq[seq] = xstrdup(c.value);
        setcookie_free(&c);
    }
    if (sm->progress && (sm->seen % 50 == 0 || sm->seen == sm->total))
        fprintf(stderr, "\rsessionscan: sampling %s: %u/%u", sm->cookie, sm->seen, sm->total);
}

static ss_check_status analyse(ss_scan *s, tokens_set *set, ss_buf *why)
{
    tokens_opts o;
    tokens_opts_init(&o);
    tokens_result res;
    int rc = tokens_analyse(set, &o, &res);
    ss_check_status st = CHECK_INCONCLUSIVE;
    if (rc != 0 || res.error) {
        buf_printf(why, "the samples could not be analysed: %s", res.error ? res.error : "error");
    } else {
        size_t before = s->report->n_findings;
        tokens_to_report(&res, s->report);
        st = s->report->n_findings > before ? CHECK_FAIL : CHECK_PASS;
        buf_printf(why, "%zu IDs (%s): %.1f bits of min-entropy per ID", res.n_tokens,
                   res.format ? res.format : "?", res.effective_bits);
    }
    tokens_result_free(&res);
    return st;
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (!s->cfg->samples) {
        buf_puts(why, "no --samples given");
        return CHECK_SKIPPED;
    }
    if (step_prelogin(s) != 0 || !s->issuing_entry) {
        buf_puts(why, "no entry point hands out session IDs without login: nothing to sample "
                      "(pass --entry PATH)");
        return CHECK_SKIPPED;
    }
    sampler sm = {s->cookie, xcalloc(s->cfg->samples, sizeof(char *)), 0, s->cfg->samples,
                  isatty(STDERR_FILENO) != 0};
    unsigned failed = client_sample(s->client, s->issuing_entry, s->cfg->samples,
                                    s->cfg->concurrency, on_sample, &sm);
    if (sm.progress) fputc('\n', stderr);
    tokens_set set;
    memset(&set, 0, sizeof set);
    for (unsigned i = 0; i < s->cfg->samples; i++) {
        if (sm.by_seq[i]) tokens_set_add(&set, sm.by_seq[i]);
        free(sm.by_seq[i]);
    }
    free(sm.by_seq);
    ss_check_status st;
    /* a handful of IDs says little, and gaps in the sequence hide or fake structure */
    size_t need = s->cfg->samples / 2 > MIN_SAMPLES ? s->cfg->samples / 2 : MIN_SAMPLES;
    if (set.n < need) {
        buf_printf(why, "only %zu of %u session IDs collected (%u requests failed): at least %zu "
                        "are needed for a verdict",
                   set.n, s->cfg->samples, failed, need);
        st = CHECK_INCONCLUSIVE;
    } else {
        st = analyse(s, &set, why);
        if (failed)
            buf_printf(why, " (%u of %u requests failed)", failed, s->cfg->samples);
    }
    tokens_set_free(&set);
    return st;
}

const ss_check check_samples = {
    "samples",
    "randomness of N fresh session IDs (with --samples N)",
    "SS-TOKEN-ENTROPY SS-TOKEN-PREDICTABLE",
    run,
};
