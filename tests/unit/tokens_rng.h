/* A seeded xorshift64 for the tokens differential tests: the same inputs on every run. */
#ifndef SS_TOKENS_RNG_H
#define SS_TOKENS_RNG_H
#include <stdint.h>

static inline uint64_t td_xorshift(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

#endif
