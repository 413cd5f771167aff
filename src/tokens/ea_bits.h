/* Packed bit strings for the binary estimators (internal): bit i of the string is bit 63 - i % 64
 * of word i / 64, so that 64 consecutive bits read as one big-endian word. Two zero words follow
 * the last bit, so that a 64-bit read anywhere up to the end stays inside the array. */
#ifndef SS_TOKENS_EA_BITS_H
#define SS_TOKENS_EA_BITS_H
#include <stdint.h>
#include <stdlib.h>

/* Packs len bits given one per byte (only the low bit counts); NULL when memory runs out. */
static inline uint64_t *ea_pack_bits(const uint8_t *s, long len)
{
    uint64_t *w = calloc((size_t)len / 64 + 3, sizeof *w);
    if (!w) return NULL;
    for (long i = 0; i < len; i++)
        w[i >> 6] |= (uint64_t)(s[i] & 1) << (63 - (i & 63));
    return w;
}

/* The 64 bits starting at bit pos (bits past the end read as 0). */
static inline uint64_t ea_bits64(const uint64_t *w, int64_t pos)
{
    int64_t q = pos >> 6;
    int r = (int)(pos & 63);
    return r ? (w[q] << r) | (w[q + 1] >> (64 - r)) : w[q];
}

#endif
