/* SP 800-90B 6.3.7 (MultiMCW) and 6.3.8 (Lag) predictors. The tie-breaking rules (which window or
 * lag wins on equal scores, which symbol a window predicts on equal counts) follow the reference
 * tool exactly: they decide the count of correct predictions and so the estimate. */
#include "tokens/ea.h"
#include "tokens/ea_bits.h"

#include <stdlib.h>
#include <string.h>

#define MCW_WINS 4

double ea_multi_mcw(const uint8_t *data, long len, int k)
{
    static const long w[MCW_WINS] = {63, 255, 1023, 4095};
    if (len < w[MCW_WINS - 1] + 1 || k < 2 || k > 256) return EA_NOT_RUN;
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

/* One step of the Lag predictor's scoreboard, every lag checked (offsets in ascending order,
 * ties to the later one, as the tool's ring-buffer walk does). */
static void lag_update(const uint8_t *s, long i, long *score, int *winner, long *high)
{
    int dmax = i - 1 < LAG_D - 1 ? (int)(i - 1) : LAG_D - 1;
    for (int d = 0; d <= dmax; d++) {
        if (s[i] == s[i - 1 - d] && ++score[d] >= *high) {
            *winner = d;
            *high = score[d];
        }
    }
}

/* Binary data, in blocks of 64 steps: a lag whose score is more than 64 below the best cannot
 * become the winner within the block, so only the few lags near the top are followed step by step;
 * the others are brought up to date at the end of the block with one popcount each. */
static double lag_binary(const uint8_t *s, long len)
{
    long score[LAG_D] = {0}, high = 0, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    uint64_t *w = ea_pack_bits(s, len);
    if (!w) return EA_NOT_RUN;
    for (long i = 1; i < len;) {
        if (i >= LAG_D && i + 64 <= len) {
            int cand[LAG_D] = {0}, nc = 0;
            for (int d = 0; d < LAG_D; d++)
                if (score[d] + 64 >= high) cand[nc++] = d;
            for (long ii = i; ii < i + 64; ii++) {
                uint8_t y = s[ii];
                if (y == s[ii - winner - 1]) {
                    c++;
                    if (++run > maxrun) maxrun = run;
                } else {
                    run = 0;
                }
                for (int k = 0; k < nc; k++) {
                    int d = cand[k];
                    if (y == s[ii - 1 - d] && ++score[d] >= high) {
                        winner = d;
                        high = score[d];
                    }
                }
            }
            uint64_t cur = ea_bits64(w, i);
            for (int d = 0, k = 0; d < LAG_D; d++) {
                if (k < nc && cand[k] == d) {
                    k++;
                    continue;
                }
                score[d] += 64 - __builtin_popcountll(cur ^ ea_bits64(w, i - 1 - d));
            }
            i += 64;
            continue;
        }
        if (s[i] == s[i - winner - 1]) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
        lag_update(s, i, score, &winner, &high);
        i++;
    }
    free(w);
    return ea_prediction_estimate(c, len - 1, maxrun, 2);
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
