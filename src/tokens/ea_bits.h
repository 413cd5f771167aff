/* Packed bit strings for the binary estimators (internal): bit i of the string is bit 63 - i % 64
 * of word i / 64, so that 64 consecutive bits read as one big-endian word. Two zero words follow
 * the last bit, so that a 64-bit read anywhere up to the end stays inside the array. */
#ifndef SS_TOKENS_EA_BITS_H
#define SS_TOKENS_EA_BITS_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Popcount-heavy functions get a second copy built for CPUs with the POPCNT instruction (every
 * x86-64 CPU since about 2009), chosen at load time, so the binary still runs on the baseline. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EA_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define EA_POPCNT_CLONES
#endif

/* Packs len bits given one per byte (only the low bit counts); NULL when memory runs out. Eight
 * bytes at a time: one multiply gathers bit 0 of byte k into bit 63 - k (no two partial products
 * meet, so nothing carries). */
static inline uint64_t *ea_pack_bits(const uint8_t *s, long len)
{
    uint64_t *w = calloc((size_t)len / 64 + 3, sizeof *w);
    if (!w) return NULL;
    long i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        uint64_t byte = ((x & 0x0101010101010101ULL) * 0x8040201008040201ULL) >> 56;
        w[i >> 6] |= byte << (56 - (i & 63));
    }
    for (; i < len; i++)
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
