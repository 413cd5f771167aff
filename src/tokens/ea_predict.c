/* SP 800-90B 6.3.7 (MultiMCW) and 6.3.8 (Lag) predictors. The tie-breaking rules (which window or
 * lag wins on equal scores, which symbol a window predicts on equal counts) follow the reference
 * tool exactly: they decide the count of correct predictions and so the estimate. */
#include "tokens/ea.h"
#include "tokens/ea_bits.h"
#include "tokens/ea_board.h"

#include <stdlib.h>
#include <string.h>

#define MCW_WINS 4

static const long mcw_w[MCW_WINS] = {63, 255, 1023, 4095};

/* Binary data: every window is odd, so once full its most common value is its majority, with no
 * tie to break; the counts of ones slide by one add and one subtract per step. Until window j is
 * full it is neither scored nor the winner. */
static double mcw_binary(const uint8_t *s, long len)
{
    long ones[MCW_WINS] = {0};
    for (int j = 0; j < MCW_WINS; j++)
        for (long i = 0; i < mcw_w[j]; i++)
            ones[j] += s[i] & 1;
    ea_board b;
    ea_board_init(&b, MCW_WINS);
    for (long i = mcw_w[0]; i < len; i += 64) {
        int n = len - i < 64 ? (int)(len - i) : 64;
        uint64_t ok[MCW_WINS] = {0};
        for (int t = 0; t < n; t++) {
            long at = i + t, y = s[at] & 1;
            for (int j = 0; j < MCW_WINS; j++) {
                if (at < mcw_w[j]) continue;
                ok[j] |= (uint64_t)((ones[j] * 2 > mcw_w[j]) == y) << (63 - t);
                ones[j] += y - (s[at - mcw_w[j]] & 1);
            }
        }
        ea_board_play(&b, ok, n);
    }
    return ea_prediction_estimate(b.c, len - mcw_w[0], b.maxrun, 2);
}

double ea_multi_mcw(const uint8_t *data, long len, int k)
{
    const long *w = mcw_w;
    if (len < w[MCW_WINS - 1] + 1 || k < 2 || k > 256) return EA_NOT_RUN;
    if (k == 2) return mcw_binary(data, len);
    long score[MCW_WINS] = {0}, maxc[MCW_WINS] = {0};
    long(*cnt)[256] = calloc(MCW_WINS, sizeof(*cnt));
    long(*pos)[256] = calloc(MCW_WINS, sizeof(*pos));
    if (!cnt || !pos) {
        free(cnt);
        free(pos);
        return EA_NOT_RUN;
    }
    uint8_t freq[MCW_WINS] = {0};
    int winner = 0;
    long c = 0, run = 0, maxrun = 0;
    for (long i = 0; i < w[MCW_WINS - 1]; i++) {
        for (int j = 0; j < MCW_WINS; j++) {
            if (i < w[j]) {
                if (maxc[j] <= ++cnt[j][data[i]]) {
                    maxc[j] = cnt[j][data[i]];
                    freq[j] = data[i];
                }
                pos[j][data[i]] = i;
            }
        }
    }
    for (long i = w[0]; i < len; i++) {
        uint8_t s = data[i];
        if (freq[winner] == s) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
        for (int j = 0; j < MCW_WINS; j++)
            if (i >= w[j] && freq[j] == s && ++score[j] >= score[winner]) winner = j;
        for (int j = 0; j < MCW_WINS; j++) {
            if (i < w[j]) continue;
            uint8_t old = data[i - w[j]];
            cnt[j][old]--;
            cnt[j][s]++;
            pos[j][s] = i;
            if (old != freq[j] && maxc[j] <= cnt[j][s]) {
                maxc[j] = cnt[j][s];
                freq[j] = s;
            } else if (old == freq[j]) {
                /* The mode lost a count: rescan, preferring the most recent on ties. */
                maxc[j]--;
                long mp = i - w[j];
                for (int x = 0; x < k; x++) {
                    if (maxc[j] < cnt[j][x] || (maxc[j] == cnt[j][x] && mp <= pos[j][x])) {
                        maxc[j] = cnt[j][x];
                        freq[j] = (uint8_t)x;
                        mp = pos[j][x];
                    }
                }
            }
        }
    }
    free(cnt);
    free(pos);
    return ea_prediction_estimate(c, len - w[0], maxrun, k);
}

#define LAG_D 128

/* Binary data: lag d was right at steps i..i+63 where bits i.. and i-1-d.. agree, 64 steps with
 * one xor; only the first 128 steps, where some lags have nothing to look back at, go bit by bit.
 */
static uint64_t lag_right_start(const uint64_t *w, long i, int d, int n)
{
    uint64_t ok = 0;
    for (int t = 0; t < n; t++) {
        long at = i + t, back = at - 1 - d;
        if (back >= 0 && ((ea_bits64(w, at) ^ ea_bits64(w, back)) >> 63) == 0)
            ok |= 1ULL << (63 - t);
    }
    return ok;
}

EA_POPCNT_CLONES static double lag_binary(const uint8_t *s, long len)
{
    uint64_t *w = ea_pack_bits(s, len);
    if (!w) return EA_NOT_RUN;
    ea_board b;
    ea_board_init(&b, LAG_D);
    for (long i = 1; i < len; i += 64) {
        int n = len - i < 64 ? (int)(len - i) : 64;
        uint64_t ok[LAG_D];
        uint64_t cur = ea_bits64(w, i);
        for (int d = 0; d < LAG_D; d++)
            ok[d] = i - 1 - d >= 0 ? ~(cur ^ ea_bits64(w, i - 1 - d)) : lag_right_start(w, i, d, n);
        ea_board_play(&b, ok, n);
    }
    free(w);
    return ea_prediction_estimate(b.c, len - 1, b.maxrun, 2);
}

double ea_lag(const uint8_t *s, long len, int k)
{
    if (len < 3 || k < 2) return EA_NOT_RUN;
    if (k == 2) return lag_binary(s, len);
    long score[LAG_D] = {0}, high = 0, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    /* Per symbol, the positions of its last 128 occurrences (ring buffer). */
    long(*ring)[LAG_D] = malloc(sizeof(*ring) * 256);
    uint8_t start[256] = {0}, end[256] = {0};
    if (!ring) return EA_NOT_RUN;
    ring[s[0]][0] = 0;
    end[s[0]] = 1;
    for (long i = 1; i < len; i++) {
        uint8_t cur = s[i];
        if (cur == s[i - winner - 1]) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
        if (start[cur] != end[cur]) {
            uint8_t ci = end[cur];
            long cutoff = i >= LAG_D ? i - LAG_D : 0;
            do {
                ci--;
                long p = ring[cur][ci & (LAG_D - 1)];
                if (p >= cutoff) {
                    long off = i - p - 1;
                    if (++score[off] >= high) {
                        winner = (int)off;
                        high = score[off];
                    }
                } else {
                    start[cur] = (uint8_t)(ci + 1u);
                    break;
                }
            } while (ci != start[cur]);
        }
        if ((uint8_t)(end[cur] - start[cur]) == LAG_D) start[cur]++;
        ring[cur][end[cur] & (LAG_D - 1)] = i;
        end[cur]++;
    }
    free(ring);
    return ea_prediction_estimate(c, len - 1, maxrun, k);
}
