/* SP 800-90B 6.3.1-6.3.4: most common value, collision, Markov and compression estimates, and the
 * prediction-estimate step shared by 6.3.7-6.3.10. Arithmetic mirrors the reference tool (double
 * where it uses double, long double where it uses long double) so results agree to the last digit.
 */
#include "tokens/ea.h"
#include "tokens/ea_util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool ea_close(double a, double b, double max_abs, double max_rel, uint32_t max_ulp)
{
    if (isnan(a) || isnan(b)) return false;
    if (a == b) return true;
    if (isinf(a) || isinf(b)) return false;
    double absa = fabs(a), absb = fabs(b);
    if (absa > absb) {
        double t = a;
        a = b;
        b = t;
        t = absa;
        absa = absb;
        absb = t;
    }
    double diff = fabs(b - a);
    if (absa < DBL_MIN || diff < DBL_MIN || isinf(diff) || absb * max_rel < DBL_MIN)
        return diff <= max_abs;
    if (diff <= absb * max_rel) return true;
    if (signbit(a) != signbit(b)) return false;
    uint64_t ai, bi;
    memcpy(&ai, &absa, sizeof ai);
    memcpy(&bi, &absb, sizeof bi);
    return bi - ai <= max_ulp;
}

double ea_most_common(const uint8_t *data, long len, int k)
{
    long counts[256] = {0};
    if (k == 2) { /* a sum the compiler vectorises, instead of a histogram */
        for (long i = 0; i < len; i++)
            counts[1] += data[i] & 1;
        counts[0] = len - counts[1];
    } else {
        for (long i = 0; i < len; i++)
            counts[data[i]]++;
    }
    long mode = 0;
    for (int i = 0; i < k && i < 256; i++)
        if (counts[i] > mode) mode = counts[i];
    double pmax = mode / (double)len;
    double ub = fmin(1.0, pmax + EA_ZALPHA * sqrt(pmax * (1.0 - pmax) / (len - 1.0)));
    return -log2(ub);
}

double ea_collision(const uint8_t *bits, long len)
{
    long i = 0, v = 0;
    double s = 0.0;
    /* Waiting times to the first repeat within 2 or 3 bits. */
    while (i < len - 1) {
        int t;
        if (bits[i] == bits[i + 1])
            t = 2;
        else if (i < len - 2)
            t = 3;
        else
            break;
        v++;
        s += t * t;
        i += t;
    }
    if (v < 2) return EA_NOT_RUN;
    double x = i / (double)v;
    s = sqrt((s - (i * x)) / (v - 1));
    x -= EA_ZALPHA * s / sqrt(v);
    if (x < 2.0) x = 2.0;
    /* With the binary F function the expectation reduces to -2p^2 + 2p + 2. */
    if (x < 2.5) return -log2(0.5 + sqrt(1.25 - 0.5 * x));
    return 1.0;
}

double ea_markov(const uint8_t *bits, long len)
{
    if (len < 2) return EA_NOT_RUN;
    long c0 = 0, c00 = 0, c10 = 0;
    for (long i = 0; i < len - 1; i++) { /* without branches: the compiler vectorises it */
        long z = bits[i] == 0, z1 = bits[i + 1] == 0;
        c0 += z;
        c00 += z & z1;
        c10 += (z ^ 1) & z1;
    }
    long c1 = len - 1 - c0;
    double p00 = 0, p01 = 0, p10 = 0, p11 = 0;
    if (c0 > 0) {
        p00 = (double)c00 / (double)c0;
        p01 = 1.0 - p00;
    }
    if (c1 > 0) {
        p10 = (double)c10 / (double)c1;
        p11 = 1.0 - p10;
    }
    if (bits[len - 1] == 0) c0++;
    double p0 = c0 / (double)len, p1 = 1.0 - p0;
    double h = 128.0, t;
    /* The six most likely 128-bit sequences of a first-order chain. */
    if (p00 > 0.0 && (t = -log2(p0) - 127.0 * log2(p00)) < h) h = t;
    if (p01 > 0.0 && p10 > 0.0 && (t = -log2(p0) - 64.0 * log2(p01) - 63.0 * log2(p10)) < h) h = t;
    if (p01 > 0.0 && p11 > 0.0 && (t = -log2(p0) - log2(p01) - 126.0 * log2(p11)) < h) h = t;
    if (p10 > 0.0 && p00 > 0.0 && (t = -log2(p1) - log2(p10) - 126.0 * log2(p00)) < h) h = t;
    if (p10 > 0.0 && p01 > 0.0 && (t = -log2(p1) - 64.0 * log2(p10) - 63.0 * log2(p01)) < h) h = t;
    if (p11 > 0.0 && (t = -log2(p1) - 127.0 * log2(p11)) < h) h = t;
    return fmin(h / 128.0, 1.0);
}

/* The reference tool's binary search for p in [ldom, 1] with f(p) = target, f decreasing: its
 * stopping rules and its answers when the search leaves the domain (on_fail) or stalls (the
 * upper bound) are kept, since they decide the last digits. */
static double ea_bisect(double (*f)(double, void *), void *ctx, double target, double ldom,
                        double on_fail)
{
    const double hdom = 1.0;
    double lb = ldom, hb = hdom, lv = INFINITY, hv = -INFINITY, lastp;
    double p = (lb + hb) / 2.0, pval = f(p, ctx);
    for (int j = 0; j < EA_ITERMAX; j++) {
        if (ea_close(pval, target, DBL_MIN, DBL_EPSILON, 4)) break;
        if (target < pval) {
            lb = p;
            lv = pval;
        } else {
            hb = p;
            hv = pval;
        }
        if (lb >= hb) return fmin(fmax(lb, hb), hdom);
        if (!(ea_in_closed(lb, ldom, hdom) && ea_in_closed(hb, ldom, hdom))) return on_fail;
        if (!ea_in_closed(target, lv, hv)) return on_fail;
        lastp = p;
        p = (lb + hb) / 2.0;
        if (!ea_in_open(p, lb, hb)) return hb;
        if (lastp == p) return hb;
        pval = f(p, ctx);
        if (!ea_in_closed(pval, lv, hv)) return hb;
    }
    return p;
}

/* ---- compression (6.3.4) ---- */

typedef struct {
    long num_blocks;
    int d;
    /* log2l(i) cached: the same values for less time. Filled on demand, since the sums of G(z)
     * stop where their terms underflow, usually long before num_blocks. */
    long double *log2tab;
    long have, cap;
    bool oom;
} comp_ctx;

/* log2l(i), from the cache when it can be. */
static long double comp_log2(comp_ctx *c, long i)
{
    if (i < c->have) return c->log2tab[i];
    if (i >= c->cap && !c->oom) {
        long ncap = c->cap ? c->cap : 65536;
        while (ncap <= i)
            ncap *= 2;
        if (ncap > c->num_blocks + 1) ncap = c->num_blocks + 1;
        long double *n = realloc(c->log2tab, sizeof(long double) * (size_t)ncap);
        if (n) {
            c->log2tab = n;
            c->cap = ncap;
        } else {
            c->oom = true; /* still correct, only slower */
        }
    }
    if (i >= c->cap) return log2l((long double)i);
    for (; c->have <= i; c->have++)
        c->log2tab[c->have] = log2l((long double)c->have);
    return c->log2tab[i];
}

/* G(z) of 6.3.4 step 9, summed as the tool does (Kahan in double, terms in long double). */
static double comp_g(double z, comp_ctx *c)
{
    double ai_sum = 0.0, ai_comp = 0.0, first = 0.0, first_comp = 0.0;
    long nb = c->num_blocks;
    int d = c->d;
    long v = nb - d;
    long double bterm = 1.0L - (long double)z, bi = bterm, ai;
    for (int i = 2; i <= d; i++) {
        ea_kahan(&ai_sum, &ai_comp, (double)(comp_log2(c, i) * bi));
        bi *= bterm;
    }
    double ad1 = ai_sum;
    bool truncated = false;
    for (long i = d + 1; i <= nb - 1; i++) {
        ai = comp_log2(c, i) * bi;
        ea_kahan(&ai_sum, &ai_comp, (double)ai);
        long double scaled = (long double)(nb - i) * ai;
        if ((double)scaled > 0.0) {
            ea_kahan(&first, &first_comp, (double)scaled);
        } else {
            truncated = true;
            break;
        }
        bi *= bterm;
    }
    ea_kahan(&first, &first_comp, ((double)(nb - d)) * ad1);
    if (!truncated) {
        ai = log2l((long double)nb) * bi;
        ea_kahan(&ai_sum, &ai_comp, (double)ai);
    }
    return 1 / (double)v * z * (z * first + (ai_sum - ad1));
}

typedef struct {
    unsigned alph;
    comp_ctx *c;
} comp_args;

static double comp_exp(double p, unsigned alph, comp_ctx *c)
{
    double q = (1.0 - p) / ((double)alph - 1.0);
    return comp_g(p, c) + ((double)alph - 1.0) * comp_g(q, c);
}

static double comp_at(double p, void *ctx)
{
    const comp_args *a = ctx;
    return comp_exp(p, a->alph, a->c);
}

double ea_compression(const uint8_t *bits, long len)
{
    const int b = 6, d = 1000;
    const unsigned alph = 1u << b;
    long nb = len / b;
    if (nb <= d) return EA_NOT_RUN;
    long dict[64] = {0};
    for (long i = 0; i < d; i++) {
        unsigned blk = 0;
        for (int j = 0; j < b; j++)
            blk |= (unsigned)(bits[i * b + j] & 1) << (b - j - 1);
        dict[blk] = i + 1;
    }
    long v = nb - d;
    double x = 0, xc = 0, sg = 0, sgc = 0;
    double small_log2[1024] = {0}; /* most distances between equal 6-bit blocks are short */
    for (int i = 1; i < 1024; i++)
        small_log2[i] = log2((double)i);
    for (long i = d; i < nb; i++) {
        unsigned blk = 0;
        for (int j = 0; j < b; j++)
            blk |= (unsigned)(bits[i * b + j] & 1) << (b - j - 1);
        long dist = i + 1 - dict[blk];
        double l = dist < 1024 ? small_log2[dist] : log2((double)dist);
        ea_kahan(&x, &xc, l);
        ea_kahan(&sg, &sgc, l * l);
        dict[blk] = i + 1;
    }
    x /= v;
    sg = 0.5907 * sqrt(sg / (v - 1.0) - x * x);
    x -= EA_ZALPHA * sg / sqrt(v);

    comp_ctx c = {nb, d, NULL, 0, 0, false};
    double p = -1.0;
    comp_args args = {alph, &c};
    if (comp_exp(1.0 / (double)alph, alph, &c) > x)
        p = ea_bisect(comp_at, &args, x, 1.0 / (double)alph, 1.0 / (double)alph);
    free(c.log2tab);
    if (p > 1.0 / (double)alph) return -log2(p) / b;
    return 1.0;
}

/* ---- prediction estimate (6.3.7-6.3.10 final step) ---- */

static double pred_fn(long double p, long r, long n)
{
    long double q = 1.0L - p, x = 1.0L, xlast = 0.0L;
    for (int i = 0; i <= 65 && (x - xlast) > (LDBL_EPSILON * x); i++) {
        xlast = x;
        x = 1.0L + q * powl(p, r) * powl(x, r + 1.0L);
    }
    return (double)(logl(1.0L - p * x) - logl((r + 1.0L - r * x) * q) - (n + 1.0L) * logl(x));
}

typedef struct {
    long r, n;
} pred_args;

static double pred_at(double p, void *ctx)
{
    const pred_args *a = ctx;
    return pred_fn(p, a->r, a->n);
}

double ea_prediction_estimate(long C, long N, long max_run, long k)
{
    double cur = 1.0 / (double)k, pg = (double)C / (double)N, pgp;
    if (pg > 0)
        pgp = fmin(1.0, pg + EA_ZALPHA * sqrt((pg * (1.0 - pg)) / ((double)N - 1.0)));
    else
        pgp = 1.0 - pow(0.01, 1.0 / (double)N);
    cur = fmax(cur, pgp);
    if (cur < 1.0 && pred_fn(cur, max_run + 1, N) > log(0.99))
        cur = fmax(cur, ea_bisect(pred_at, &(pred_args){max_run + 1, N}, log(0.99), cur, 1.0));
    return -log2(cur);
}
