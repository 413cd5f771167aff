/* A block of 64 steps is settled with popcounts whenever no predictor but the winner can reach
 * the winner's score inside it (the usual case once scores have spread); otherwise only the
 * predictors that can are replayed step by step, the others only gain their points. */
#include "tokens/ea_board.h"
#include "tokens/ea_bits.h"

#include <stdbool.h>
#include <string.h>

void ea_board_init(ea_board *b, int np)
{
    memset(b, 0, sizeof *b);
    b->np = np < EA_BOARD_MAX ? np : EA_BOARD_MAX;
}

static int longest_ones(uint64_t x)
{
    int k = 0;
    for (; x; k++)
        x &= x << 1;
    return k;
}

EA_POPCNT_CLONES void ea_runs_add(uint64_t x, int n, long *c, long *run, long *maxrun)
{
    uint64_t valid = n == 64 ? ~0ULL : ~(~0ULL >> n);
    x &= valid;
    *c += __builtin_popcountll(x);
    if (x == valid) {
        *run += n;
    } else {
        *run += __builtin_clzll(~x);
        if (*run > *maxrun) *maxrun = *run;
        int inner = longest_ones(x);
        if (inner > *maxrun) *maxrun = inner;
        *run = __builtin_ctzll(~(x >> (64 - n))); /* the last step in bit 0 */
    }
    if (*run > *maxrun) *maxrun = *run;
}

static void replay(ea_board *b, const uint64_t *ok, int n, const int *cand, int nc)
{
    for (int t = 0; t < n; t++) {
        int sh = 63 - t;
        if ((ok[b->winner] >> sh) & 1) {
            b->c++;
            if (++b->run > b->maxrun) b->maxrun = b->run;
        } else {
            b->run = 0;
        }
        for (int k = 0; k < nc; k++) {
            int j = cand[k];
            long right = (long)((ok[j] >> sh) & 1);
            b->score[j] += right;
            bool wins = right && b->score[j] >= b->high;
            b->winner = wins ? j : b->winner;
            b->high = wins ? b->score[j] : b->high;
        }
    }
}

EA_POPCNT_CLONES void ea_board_play(ea_board *b, const uint64_t *ok, int n)
{
    uint64_t valid = n == 64 ? ~0ULL : ~(~0ULL >> n);
    int cand[EA_BOARD_MAX], nc = 0;
    for (int j = 0; j < b->np; j++) {
        long gain = __builtin_popcountll(ok[j] & valid);
        if (j == b->winner || b->score[j] + gain >= b->high)
            cand[nc++] = j;
        else /* it cannot reach the winner within the block: only its points change */
            b->score[j] += gain;
    }
    if (nc > 1) {
        replay(b, ok, n, cand, nc);
        return;
    }
    long gain = __builtin_popcountll(ok[b->winner] & valid);
    ea_runs_add(ok[b->winner], n, &b->c, &b->run, &b->maxrun);
    b->high += gain;
    b->score[b->winner] = b->high;
}
