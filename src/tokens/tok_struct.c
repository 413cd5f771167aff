/* Character-level (per position, as Burp Sequencer does) and bit-level analysis across tokens, and
 * the FIPS 140-2 tests on the sample stream. Per-position tests are Bonferroni-corrected (alpha
 * divided by the number of positions) so that a random token is not marked down by the chance
 * failures of a few positions among many. */
#include "tokens/tok_internal.h"
#include "util/xalloc.h"

#include <math.h>
#include <string.h>

void tok_positions(const tok_decoded *d, const tokens_opts *o, tokens_result *r)
{
    size_t n = d->n, L = d->len, k = d->k;
    double alpha_c = (o->alpha > 0 ? o->alpha : 0.01) / (double)(L ? L : 1);
    r->pos = xcalloc(L ? L : 1, sizeof *r->pos);
    r->n_pos = L;
    size_t *cnt = xcalloc(256, sizeof *cnt);
    for (size_t j = 0; j < L; j++) {
        tokens_position *p = &r->pos[j];
        memset(cnt, 0, 256 * sizeof *cnt);
        size_t changes = 0, maxc = 0;
        for (size_t i = 0; i < n; i++) {
            uint8_t c = d->chars[i * L + j];
            cnt[c]++;
            if (i > 0 && c != d->chars[(i - 1) * L + j]) changes++;
        }
        size_t a = 0;
        for (size_t c = 0; c < 256; c++) {
            if (!cnt[c]) continue;
            p->distinct++;
            if (cnt[c] > maxc) maxc = cnt[c];
            if (a + 4 < sizeof p->alphabet) {
                char ch = c < k ? d->alphabet[c] : '?';
                if (strcmp(d->format, "raw") == 0)
                    a += (size_t)snprintf(p->alphabet + a, sizeof p->alphabet - a, "%02zx", c);
                else
                    p->alphabet[a++] = ch;
            } else if (a + 1 < sizeof p->alphabet) {
                p->alphabet[a++] = '+';
            }
        }
        p->index = j;
        p->fixed = p->distinct == 1;
        p->min_entropy = -log2((double)maxc / (double)n);
        double e = (double)n / (double)k, chi = 0;
        for (size_t c = 0; c < k && c < 256; c++)
            chi += ((double)cnt[c] - e) * ((double)cnt[c] - e) / e;
        /* Chi-square needs about five expected counts per symbol to mean anything. */
        p->chi2_p = e >= 5 ? tok_chi2_p(chi, (double)k - 1) : 1.0;
        if (p->fixed) p->chi2_p = 0.0;
        double pc = 1.0 - 1.0 / (double)k, m = (double)(n > 1 ? n - 1 : 1);
        double sd = sqrt(m * pc * (1 - pc));
        p->transitions_p = n > 2 ? tok_normal_p(((double)changes - m * pc) / sd) : 1.0;
        p->pass = p->chi2_p >= alpha_c && p->transitions_p >= alpha_c;
    }
    free(cnt);
    /* With few tokens the per-position symbol sets would spell the tokens out: keep only the
     * fixed positions (shared by every token, so no one's secret). */
    if (n < 50)
        for (size_t j = 0; j < L; j++)
            if (!r->pos[j].fixed)
                snprintf(r->pos[j].alphabet, sizeof r->pos[j].alphabet, "(withheld)");
    size_t pre = 0, suf = 0;
    while (pre < L && r->pos[pre].fixed)
        pre++;
    while (suf < L - pre && r->pos[L - 1 - suf].fixed)
        suf++;
    r->prefix_len = pre;
    r->suffix_len = suf;
    for (size_t j = 0; j < L; j++)
        r->n_fixed += r->pos[j].fixed;
    bool rawfmt = strcmp(d->format, "raw") == 0;
    r->prefix = xmalloc(pre * 2 + 1);
    r->suffix = xmalloc(suf * 2 + 1);
    r->prefix[0] = r->suffix[0] = '\0';
    for (size_t j = 0; j < pre; j++) {
        uint8_t c = d->chars[j];
        if (rawfmt)
            snprintf(r->prefix + 2 * j, 3, "%02x", c);
        else
            r->prefix[j] = d->alphabet[c], r->prefix[j + 1] = '\0';
    }
    for (size_t j = 0; j < suf; j++) {
        uint8_t c = d->chars[L - suf + j];
        if (rawfmt)
            snprintf(r->suffix + 2 * j, 3, "%02x", c);
        else
            r->suffix[j] = d->alphabet[c], r->suffix[j + 1] = '\0';
    }
}

void tok_bit_positions(const tok_decoded *d, const tokens_opts *o, tokens_result *r)
{
    if (!d->pow2 || d->n < 2) return;
    size_t n = d->n, nb = d->spt * (size_t)d->bits;
    double alpha = o->alpha > 0 ? o->alpha : 0.01, alpha_c = alpha / (double)nb;
    r->bit_positions = nb;
    r->bit_monobit_p = xcalloc(nb, sizeof(double));
    r->bit_transitions_p = xcalloc(nb, sizeof(double));
    size_t *ones = xcalloc(nb, sizeof *ones), *flips = xcalloc(nb, sizeof *flips);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *t = d->samples + i * d->spt, *prev = i ? t - d->spt : NULL;
        for (size_t s = 0; s < d->spt; s++) {
            unsigned diff = prev ? (unsigned)(t[s] ^ prev[s]) : 0;
            for (int b = 0; b < d->bits; b++) {
                size_t at = s * (size_t)d->bits + (size_t)b;
                int sh = d->bits - 1 - b;
                ones[at] += (t[s] >> sh) & 1u;
                flips[at] += (diff >> sh) & 1u;
            }
        }
    }
    for (size_t b = 0; b < nb; b++) {
        double zm = (2.0 * (double)ones[b] - (double)n) / sqrt((double)n);
        double m = (double)(n - 1);
        double zt = (2.0 * (double)flips[b] - m) / sqrt(m);
        double pm = tok_normal_p(zm), pt = n > 2 ? tok_normal_p(zt) : 1.0;
        r->bit_monobit_p[b] = pm;
        r->bit_transitions_p[b] = pt;
        if (pm >= alpha_c && pt >= alpha_c) r->bits_pass++;
        if (pm >= alpha && pt >= alpha) r->bits_pass_uncorrected++;
        if (pm < alpha_c * 1e-3 || pt < alpha_c * 1e-3) r->bits_fail_strong++;
    }
    free(ones);
    free(flips);
}

static bool block_bit(const uint8_t *s, int bits, size_t at)
{
    size_t i = at / (size_t)bits;
    int b = (int)(at % (size_t)bits);
    return (s[i] >> (bits - 1 - b)) & 1u;
}

/* FIPS 140-2 (4.9.1) monobit, poker, runs and long-run tests on each 20,000-bit block. */
void tok_fips(const uint8_t *samples, size_t n, int bits, tokens_fips *f)
{
    static const long lo[6] = {2315, 1114, 527, 240, 103, 103};
    static const long hi[6] = {2685, 1386, 723, 384, 209, 209};
    memset(f, 0, sizeof *f);
    size_t total = n * (size_t)bits;
    for (size_t base = 0; base + 20000 <= total; base += 20000) {
        long ones = 0, poker[16] = {0}, runs[2][6] = {{0}}, run = 0;
        bool longrun = false;
        int last = -1;
        unsigned nib = 0;
        for (size_t j = 0; j < 20000; j++) {
            int bit = block_bit(samples, bits, base + j);
            ones += bit;
            nib = (nib << 1) | (unsigned)bit;
            if ((j & 3) == 3) {
                poker[nib & 15]++;
                nib = 0;
            }
            if (bit == last) {
                run++;
            } else {
                if (last >= 0) runs[last][run > 6 ? 5 : run - 1]++;
                run = 1;
                last = bit;
            }
            if (run >= 26) longrun = true;
        }
        runs[last][run > 6 ? 5 : run - 1]++;
        double x = 0;
        for (int i = 0; i < 16; i++)
            x += (double)poker[i] * (double)poker[i];
        x = 16.0 / 5000.0 * x - 5000.0;
        bool runs_ok = true;
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 6; i++)
                if (runs[b][i] < lo[i] || runs[b][i] > hi[i]) runs_ok = false;
        f->blocks++;
        f->fail_monobit += !(ones > 9725 && ones < 10275);
        f->fail_poker += !(x > 2.16 && x < 46.17);
        f->fail_runs += !runs_ok;
        f->fail_long_run += longrun;
    }
}
