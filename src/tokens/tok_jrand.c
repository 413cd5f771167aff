/* java.util.Random recognition: a stream that passes every statistical test yet is fully
 * predictable. The generator is a 48-bit LCG (s <- 0x5DEECE66D s + 0xB mod 2^48) whose nextInt()
 * is s >> 16. Two layouts are checked:
 *  - 32-bit outputs (nextInt() big-endian, or nextBytes() little-endian): 16 unknown bits, found by
 *    trying all 2^16;
 *  - the top byte of each output (bits 47..40 of the state): 40 unknown bits per sample, found as
 *    a closest-vector problem in a 16-dimensional lattice (LLL + Babai), the classic attack on
 *    truncated LCGs.
 * A candidate state counts only if it then predicts every one of the next outputs checked. */
#include "tokens/tok_internal.h"

#include <math.h>
#include <string.h>

#define JR_A 0x5DEECE66DULL
#define JR_C 0xBULL
#define JR_MASK ((1ULL << 48) - 1)
#define JR_DIM 16

static uint64_t jr_next(uint64_t s)
{
    return (s * JR_A + JR_C) & JR_MASK;
}

static uint32_t word_at(const uint8_t *p, bool little)
{
    return little
               ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
               : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

/* How many of the following outputs state s predicts, up to max (the first is s itself). */
static size_t words_follow(uint64_t s, const uint8_t *p, size_t nwords, bool little, size_t max)
{
    size_t k = 0;
    for (; k < nwords && k < max; k++) {
        if ((uint32_t)(s >> 16) != word_at(p + 4 * k, little)) break;
        s = jr_next(s);
    }
    return k;
}

static bool check_words(const uint8_t *p, size_t len, bool little, size_t *predicted)
{
    size_t nw = len / 4;
    if (nw < 8) return false;
    uint64_t hi = (uint64_t)word_at(p, little) << 16;
    for (uint64_t lo = 0; lo < 65536; lo++) {
        uint64_t s = hi | lo;
        if ((uint32_t)(jr_next(s) >> 16) != word_at(p + 4, little)) continue;
        size_t k = words_follow(s, p, nw, little, 4096);
        if (k == (nw < 4096 ? nw : 4096)) {
            *predicted = k;
            return true;
        }
    }
    return false;
}

/* ---- lattice attack on the top byte ---- */

typedef long double ld;

static void gso(ld b[JR_DIM][JR_DIM], ld bs[JR_DIM][JR_DIM], ld mu[JR_DIM][JR_DIM], ld nrm[JR_DIM])
{
    for (int i = 0; i < JR_DIM; i++) {
        memcpy(bs[i], b[i], sizeof bs[i]);
        for (int j = 0; j < i; j++) {
            ld dot = 0;
            for (int t = 0; t < JR_DIM; t++)
                dot += b[i][t] * bs[j][t];
            mu[i][j] = nrm[j] > 0 ? dot / nrm[j] : 0;
            for (int t = 0; t < JR_DIM; t++)
                bs[i][t] -= mu[i][j] * bs[j][t];
        }
        nrm[i] = 0;
        for (int t = 0; t < JR_DIM; t++)
            nrm[i] += bs[i][t] * bs[i][t];
    }
}

/* LLL (delta 0.99) with the usual O(n) update of the Gram-Schmidt data on a swap. Basis entries
 * stay integers well inside long double's 64-bit mantissa. */
static void lll(ld b[JR_DIM][JR_DIM])
{
    static ld bs[JR_DIM][JR_DIM], mu[JR_DIM][JR_DIM], nrm[JR_DIM];
    gso(b, bs, mu, nrm);
    int k = 1, guard = 0;
    while (k < JR_DIM && guard++ < 200000) {
        for (int j = k - 1; j >= 0; j--) {
            ld q = roundl(mu[k][j]);
            if (q != 0) {
                for (int t = 0; t < JR_DIM; t++)
                    b[k][t] -= q * b[j][t];
                for (int l = 0; l < j; l++)
                    mu[k][l] -= q * mu[j][l];
                mu[k][j] -= q;
            }
        }
        if (nrm[k] >= (0.99L - mu[k][k - 1] * mu[k][k - 1]) * nrm[k - 1]) {
            k++;
            continue;
        }
        for (int t = 0; t < JR_DIM; t++) {
            ld x = b[k][t];
            b[k][t] = b[k - 1][t];
            b[k - 1][t] = x;
        }
        ld m = mu[k][k - 1], bn = nrm[k] + m * m * nrm[k - 1];
        if (bn <= 0) break;
        mu[k][k - 1] = m * nrm[k - 1] / bn;
        nrm[k] = nrm[k - 1] * nrm[k] / bn;
        nrm[k - 1] = bn;
        for (int j = 0; j < k - 1; j++) {
            ld x = mu[k - 1][j];
            mu[k - 1][j] = mu[k][j];
            mu[k][j] = x;
        }
        for (int i = k + 1; i < JR_DIM; i++) {
            ld t = mu[i][k];
            mu[i][k] = mu[i][k - 1] - m * t;
            mu[i][k - 1] = t + mu[k][k - 1] * mu[i][k];
        }
        k = k > 1 ? k - 1 : 1;
    }
}

static bool topbyte_state(const uint8_t *y, uint64_t *state)
{
    static ld b[JR_DIM][JR_DIM], bs[JR_DIM][JR_DIM], mu[JR_DIM][JR_DIM], nrm[JR_DIM];
    const uint64_t M = 1ULL << 48;
    uint64_t ak = 1, ck = 0, bvec[JR_DIM];
    memset(b, 0, sizeof b);
    for (int i = 0; i < JR_DIM; i++) {
        /* s_i = a^i s_0 + c_i, so x_i - a^i x_0 = a^i 2^40 y_0 + c_i - 2^40 y_i (mod 2^48). */
        b[0][i] = (ld)ak;
        if (i) b[i][i] = (ld)M;
        bvec[i] = (ak * ((uint64_t)y[0] << 40) + ck - ((uint64_t)y[i] << 40)) & JR_MASK;
        ck = (ck * JR_A + JR_C) & JR_MASK;
        ak = (ak * JR_A) & JR_MASK;
    }
    bvec[0] = 0;
    lll(b);
    gso(b, bs, mu, nrm);
    /* Babai: lattice point w nearest to (2^39, ...) - bvec; then x = w + bvec. */
    ld t[JR_DIM], w[JR_DIM] = {0};
    for (int i = 0; i < JR_DIM; i++)
        t[i] = (ld)(1ULL << 39) - (ld)bvec[i];
    for (int j = JR_DIM - 1; j >= 0; j--) {
        ld dot = 0;
        for (int i = 0; i < JR_DIM; i++)
            dot += t[i] * bs[j][i];
        ld c = roundl(dot / nrm[j]);
        for (int i = 0; i < JR_DIM; i++) {
            t[i] -= c * b[j][i];
            w[i] += c * b[j][i];
        }
    }
    ld x0 = w[0] + (ld)bvec[0];
    ld x0m = fmodl(x0, (ld)M);
    if (x0m < 0) x0m += (ld)M;
    uint64_t x = (uint64_t)x0m;
    if (x >= (1ULL << 40)) return false;
    *state = ((uint64_t)y[0] << 40) | x;
    return true;
}

static bool check_topbyte(const uint8_t *p, size_t len, size_t *predicted)
{
    if (len < 64) return false;
    for (size_t off = 0; off + 64 <= len && off < 32; off += 16) {
        uint64_t s;
        if (!topbyte_state(p + off, &s)) continue;
        size_t k = 0, max = len - off < 100000 ? len - off : 100000;
        for (; k < max; k++) {
            if ((uint8_t)(s >> 40) != p[off + k]) break;
            s = jr_next(s);
        }
        if (k == max) {
            *predicted = k;
            return true;
        }
    }
    return false;
}

void tok_known_generators(const uint8_t *samples, size_t len, int bits, tokens_result *r)
{
    if (bits != 8 || len < 1024) /* too few samples to call it */
        return;
    size_t k = 0;
    const char *layout = NULL;
    if (check_topbyte(samples, len, &k))
        layout = "the top byte of each output (bits 47-40 of the 48-bit state)";
    else if (check_words(samples, len, false, &k))
        layout = "nextInt() as big-endian 32-bit words";
    else if (check_words(samples, len, true, &k))
        layout = "nextBytes() (nextInt() little-endian)";
    if (!layout) return;
    tokens_issue *is =
        tok_issue(r, "SS-TOKEN-PREDICTABLE", SEV_CRITICAL, CONF_CONFIRMED, "generator",
                  "the samples come from java.util.Random (48-bit LCG), %s: its "
                  "state was recovered and every later value is predictable",
                  layout);
    tok_issue_evidence(is,
                       "state recovered from %d samples; it then predicted %zu outputs in a row "
                       "exactly",
                       layout[0] == 't' ? JR_DIM : 2, k);
    tok_issue_evidence(is, "java.util.Random is not a CSPRNG: statistical tests pass on it, "
                           "which is why this is checked separately");
}
