/* What statistics cannot see: duplicate tokens, counters and clocks hidden in a field of the token,
 * monotonic fields, and (for sample streams) arithmetic sequences and short periods. */
#include "tokens/tok_internal.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

void tok_redact(const char *tok, char *out, size_t outlen)
{
    size_t n = strlen(tok);
    snprintf(out, outlen, "%.4s… (%zu chars)", tok, n);
}

tokens_issue *tok_issue(tokens_result *r, const char *rule, ss_severity sev, ss_confidence conf,
                        const char *kind, const char *fmt, ...)
{
    tokens_issue *is = XARRAY_PUSH(r->issues, r->n_issues, r->cap_issues);
    is->rule = rule;
    is->severity = sev;
    is->confidence = conf;
    is->kind = xstrdup(kind);
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    is->message = xstrdup(buf);
    return is;
}

void tok_issue_evidence(tokens_issue *is, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    is->evidence = xrealloc(is->evidence, (is->n_evidence + 1) * sizeof(char *));
    is->evidence[is->n_evidence++] = xstrdup(buf);
}

/* ---- duplicates ---- */

static const uint8_t *g_rows;
static size_t g_width;

static int row_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = memcmp(g_rows + x * g_width, g_rows + y * g_width, g_width);
    return c ? c : (x < y ? -1 : x > y);
}

static void duplicates(const tokens_set *s, const tok_decoded *d, tokens_result *r)
{
    if (d->n < 2) return;
    size_t *ix = xmalloc(d->n * sizeof *ix);
    for (size_t i = 0; i < d->n; i++)
        ix[i] = i;
    g_rows = d->chars;
    g_width = d->len;
    qsort(ix, d->n, sizeof *ix, row_cmp);
    size_t dups = 0, first_a = 0, first_b = 0, groups = 0;
    for (size_t i = 1; i < d->n; i++) {
        if (memcmp(d->chars + ix[i] * d->len, d->chars + ix[i - 1] * d->len, d->len) == 0) {
            if (!dups) {
                first_a = ix[i - 1];
                first_b = ix[i];
            }
            if (i == 1 ||
                memcmp(d->chars + ix[i - 1] * d->len, d->chars + ix[i - 2] * d->len, d->len) != 0)
                groups++;
            dups++;
        }
    }
    free(ix);
    r->duplicates = dups;
    if (!dups) return;
    tokens_issue *is =
        tok_issue(r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_CONFIRMED, "duplicate",
                  "%zu of %zu session IDs repeat an earlier one (%zu distinct values "
                  "seen more than once)",
                  dups, d->n, groups);
    char red[64] = "";
    if (!s->is_raw && first_a < s->n)
        tok_redact(s->tok[first_a < first_b ? first_a : first_b], red, sizeof red);
    tok_issue_evidence(is, "tokens #%zu and #%zu are identical%s%s", first_a + 1, first_b + 1,
                       *red ? ": " : "", red);
    tok_issue_evidence(is,
                       "a random 128-bit ID repeats with probability about n^2/2^129 (%.1e "
                       "for %zu tokens)",
                       (double)d->n * (double)d->n / ldexp(1.0, 129), d->n);
}

/* ---- numeric fields: counters, clocks, monotonic values ---- */

typedef struct {
    size_t a, w;  /* sample positions [a, a+w) */
    double frac;  /* fraction of steps that fit */
    int64_t step; /* counter step */
    int unit;     /* clock: 1 = s, 1000 = ms */
} field;

static bool overlaps(const field *f, size_t a, size_t w)
{
    return f->w && a < f->a + f->w && f->a < a + w;
}

static int max_width(int radix)
{
    int w = 0;
    double bits = log2((double)radix);
    while ((w + 1) * bits <= 62)
        w++;
    return w;
}

typedef struct {
    field counter[4], clock[2], mono[2];
    size_t nc, nt, nm;
} fields;

/* Bounded: the first 256 sample positions of the first 50,000 tokens. */
static void scan_fields(const tok_decoded *d, fields *out)
{
    size_t n = d->n > 50000 ? 50000 : d->n, spt = d->spt > 256 ? 256 : d->spt;
    memset(out, 0, sizeof *out);
    if (n < 8) return;
    int wmax = max_width(d->radix);
    uint64_t *v = xmalloc(n * sizeof *v);
    field bestc[64] = {{0}}, bestt = {0}, bestm = {0};
    size_t nbest = 0;
    double steps = (double)(n - 1);
    for (size_t a = 0; a < spt; a++) {
        memset(v, 0, n * sizeof *v);
        for (size_t w = 1; w <= (size_t)wmax && a + w <= spt; w++) {
            bool constant = true;
            for (size_t i = 0; i < n; i++) {
                v[i] = v[i] * (uint64_t)d->radix + d->samples[i * d->spt + a + w - 1];
                if (i && v[i] != v[0]) constant = false;
            }
            if (constant || w < 2) continue;
            int64_t cand[3] = {(int64_t)(v[1] - v[0]), (int64_t)(v[2] - v[1]),
                               (int64_t)(v[3] - v[2])};
            size_t nondec = 0, up = 0, noninc = 0, down = 0, fit[3] = {0, 0, 0};
            uint64_t lo = v[0], hi = v[0];
            for (size_t i = 1; i < n; i++) {
                int64_t dl = (int64_t)(v[i] - v[i - 1]);
                nondec += v[i] >= v[i - 1];
                noninc += v[i] <= v[i - 1];
                up += v[i] > v[i - 1];
                down += v[i] < v[i - 1];
                for (int c = 0; c < 3; c++)
                    fit[c] += dl == cand[c];
                if (v[i] < lo) lo = v[i];
                if (v[i] > hi) hi = v[i];
            }
            for (int c = 0; c < 3; c++) {
                double fr = (double)fit[c] / steps;
                if (cand[c] != 0 && fr >= 0.9 && llabs(cand[c]) <= 1000000 && nbest < 64) {
                    field f = {a, w, fr, cand[c], 0};
                    bestc[nbest++] = f;
                    break;
                }
            }
            bool mono = ((double)nondec >= 0.99 * steps && (double)up >= 0.01 * steps) ||
                        ((double)noninc >= 0.99 * steps && (double)down >= 0.01 * steps);
            if (!mono) continue;
            /* Unix time 2000-01-01 .. 2100-01-01 in seconds or milliseconds. */
            int unit = 0;
            if (lo >= 946684800ULL && hi <= 4102444800ULL)
                unit = 1;
            else if (lo >= 946684800000ULL && hi <= 4102444800000ULL)
                unit = 1000;
            if (unit && (!bestt.w || w < bestt.w)) {
                field f = {a, w, (double)nondec / steps, 0, unit};
                bestt = f;
            }
            if (!bestm.w || w > bestm.w) {
                field f = {a, w, (double)nondec / steps, 0, 0};
                bestm = f;
            }
        }
    }
    free(v);
    /* Counters: best fit first, then the widest window at that fit; disjoint ones reported. */
    for (size_t pick = 0; pick < 4; pick++) {
        field *b = NULL;
        for (size_t i = 0; i < nbest; i++) {
            field *f = &bestc[i];
            bool taken = false;
            for (size_t j = 0; j < out->nc; j++)
                taken |= overlaps(&out->counter[j], f->a, f->w);
            if (bestt.w && overlaps(&bestt, f->a, f->w) && f->frac < 0.999) taken = true;
            if (taken) continue;
            if (!b || f->frac > b->frac + 1e-9 || (fabs(f->frac - b->frac) <= 1e-9 && f->w > b->w))
                b = f;
        }
        if (!b) break;
        out->counter[out->nc++] = *b;
    }
    if (bestt.w) out->clock[out->nt++] = bestt;
    if (bestm.w) {
        bool covered = false;
        for (size_t j = 0; j < out->nc; j++)
            covered |= overlaps(&out->counter[j], bestm.a, bestm.w);
        covered |= bestt.w && overlaps(&bestt, bestm.a, bestm.w);
        if (!covered) out->mono[out->nm++] = bestm;
    }
}

/* Sample positions shown to the reader as 1-based character positions. */
static void char_span(const tok_decoded *d, const field *f, size_t *from, size_t *to)
{
    if (strcmp(d->stream, "bytes") == 0 && strcmp(d->format, "raw") != 0) {
        *from = f->a * 4 / 3 + 1;
        *to = ((f->a + f->w) * 4 + 2) / 3;
    } else {
        *from = f->a + 1;
        *to = f->a + f->w;
    }
}

static void report_fields(const tok_decoded *d, tokens_result *r)
{
    fields fs;
    scan_fields(d, &fs);
    const char *unit = strcmp(d->stream, "bytes") == 0 ? "byte" : "character";
    for (size_t i = 0; i < fs.nc; i++) {
        size_t from, to;
        char_span(d, &fs.counter[i], &from, &to);
        tokens_issue *is = tok_issue(
            r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_FIRM, "counter",
            "sequential IDs: %ss %zu-%zu of the token are a counter that moves by %+lld from one "
            "token to the next",
            unit, fs.counter[i].a + 1, fs.counter[i].a + fs.counter[i].w,
            (long long)fs.counter[i].step);
        tok_issue_evidence(is,
                           "%.1f%% of %zu successive pairs differ by exactly %+lld in that field",
                           100 * fs.counter[i].frac, d->n - 1, (long long)fs.counter[i].step);
        if (strcmp(d->stream, "bytes") == 0 && strcmp(d->format, "raw") != 0)
            tok_issue_evidence(is, "encoded characters %zu-%zu", from, to);
        tok_issue_evidence(is, "knowing one ID, the neighbouring IDs are guessed in a few tries");
    }
    for (size_t i = 0; i < fs.nt; i++) {
        tokens_issue *is = tok_issue(
            r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_FIRM, "timestamp",
            "time-derived IDs: %ss %zu-%zu hold the Unix time in %s and advance with the clock",
            unit, fs.clock[i].a + 1, fs.clock[i].a + fs.clock[i].w,
            fs.clock[i].unit == 1 ? "seconds" : "milliseconds");
        tok_issue_evidence(is,
                           "the field never decreases in %.1f%% of successive pairs and stays "
                           "within 2000-2100 as a Unix time",
                           100 * fs.clock[i].frac);
        tok_issue_evidence(is, "an attacker who knows when a session was created knows these bits");
    }
    for (size_t i = 0; i < fs.nm; i++) {
        tokens_issue *is =
            tok_issue(r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_FIRM, "monotonic",
                      "%ss %zu-%zu of the token only ever grow (or only shrink) from one token "
                      "to the next",
                      unit, fs.mono[i].a + 1, fs.mono[i].a + fs.mono[i].w);
        tok_issue_evidence(is, "monotonic in %.1f%% of %zu successive pairs", 100 * fs.mono[i].frac,
                           d->n - 1);
    }
}

/* ---- sample streams ---- */

static void stream_structure(const tok_decoded *d, size_t len, tokens_result *r)
{
    const uint8_t *s = d->samples;
    if (len < 64) return;
    unsigned mod = 1u << d->bits;
    size_t hist[256] = {0};
    for (size_t i = 1; i < len; i++)
        hist[(unsigned)(s[i] - s[i - 1]) & (mod - 1)]++;
    size_t best = 0;
    for (unsigned c = 1; c < mod; c++)
        if (hist[c] > hist[best]) best = c;
    double fr = (double)hist[best] / (double)(len - 1);
    if (best != 0 && fr >= 0.99) {
        tokens_issue *is = tok_issue(
            r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_CONFIRMED, "sequential",
            "sequential stream: each sample is the previous one plus %zu (mod %u)", best, mod);
        tok_issue_evidence(is, "%.2f%% of %zu successive samples follow x[i+1] = x[i] + %zu",
                           100 * fr, len - 1, best);
        return;
    }
    /* Shortest period p: x[i] == x[i+p] for at least 99% of the positions checked. */
    size_t check = len > 200000 ? 200000 : len;
    size_t maxp = check / 4 < 65536 ? check / 4 : 65536;
    for (size_t p = 1; p <= maxp; p++) {
        size_t m = check - p, bad = 0, limit = m / 100;
        size_t i;
        for (i = 0; i < m && bad <= limit; i++)
            bad += s[i] != s[i + p];
        if (bad <= limit) {
            tokens_issue *is =
                tok_issue(r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_CONFIRMED, "periodic",
                          "periodic stream: the samples repeat every %zu values "
                          "(a short-period generator such as the low bits of an LCG)",
                          p);
            tok_issue_evidence(is, "x[i] == x[i+%zu] for %.2f%% of %zu positions", p,
                               100.0 * (double)(m - bad) / (double)m, m);
            tok_issue_evidence(is, "after %zu samples every later value is known", p);
            return;
        }
    }
}

void tok_predictability(const tokens_set *s, const tok_decoded *d, tokens_result *r)
{
    duplicates(s, d, r);
    report_fields(d, r);
    size_t len = s->is_raw ? s->raw_len : d->n * d->spt;
    size_t before = r->n_issues;
    if (s->is_raw) stream_structure(d, len, r);
    if (r->n_issues == before) tok_known_generators(d->samples, len, d->bits, r);
}
