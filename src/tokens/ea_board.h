/* The scoreboard of SP 800-90B's ensemble predictors (6.3.7-6.3.9), fed 64 steps at a time with
 * one "prediction was right" word per predictor (internal). Each step, the winner's prediction is
 * counted (C and the longest run of correct predictions); then, in ascending order, each predictor
 * that was right gains a point and becomes the winner when its score reaches the winner's (which
 * is always the highest): the reference tool's rule, which decides C and so the estimate. */
#ifndef SS_TOKENS_EA_BOARD_H
#define SS_TOKENS_EA_BOARD_H
#include <stdint.h>

#define EA_BOARD_MAX 128

typedef struct {
    int np;                   /* predictors */
    int winner;               /* index of the current winner */
    long score[EA_BOARD_MAX]; /* points so far */
    long high;                /* the winner's score, the highest */
    long c, run, maxrun;      /* winner's correct predictions, current and longest run */
} ea_board;

void ea_board_init(ea_board *b, int np);

/* Plays n (1..64) steps: bit 63 - t of ok[j] says predictor j was right at step t (bits past n
 * are ignored). */
void ea_board_play(ea_board *b, const uint64_t *ok, int n);

/* A predictor that predicted at each of n (1..64) steps and was right on the steps set in x (bit
 * 63 - t for step t): adds its correct predictions to *c and carries the run of correct ones. */
void ea_runs_add(uint64_t x, int n, long *c, long *run, long *maxrun);

#endif
