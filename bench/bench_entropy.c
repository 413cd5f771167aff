/* Times the SP 800-90B estimator battery and the token analysis; prints every estimate, the wall
 * time, the CPU time and the peak resident memory (getrusage ru_maxrss).
 *   bench_entropy SET|FILE [BITS]     the battery (ea_assess, two threads) on one data set
 *   bench_entropy -e SET|FILE [BITS]  each estimator alone, one thread, with its CPU time
 *   bench_entropy -t TOKENS_FILE      the whole token analysis (load, decode, every test)
 * SET is one of the reference data sets, regenerated or read from tests/data/entropy (see
 * tests/unit/tokens_testdata.h): urandom_1M counter_1M lcg_low8_1M javarand_hi8_1M
 * hex_tokens_nibbles weak_hex_tokens_nibbles express_ids_raw. */
#include "tokens/ea.h"
#include "tokens/tokens.h"
#include "../tests/unit/tokens_testdata.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static int bench_tokens(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    tokens_opts o;
    tokens_opts_init(&o);
    tokens_set s;
    tokens_result r;
    char err[256];
    double t0 = now(), c0 = cpu_now();
    if (tokens_load(f, &o, &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", path, err);
        fclose(f);
        return 1;
    }
    fclose(f);
    if (tokens_analyse(&s, &o, &r) != 0) {
        fprintf(stderr, "%s: %s\n", path, r.error);
        tokens_set_free(&s);
        return 1;
    }
    double t1 = now(), c1 = cpu_now();
    printf(
        "%s: %zu tokens, %.1f bits/token effective, wall %.3f s, cpu %.3f s, peak RSS %.1f MiB\n",
        path, s.n, r.effective_bits, t1 - t0, c1 - c0, peak_mib());
    tokens_result_free(&r);
    tokens_set_free(&s);
    return 0;
}

/* A reference set by name (its bits per symbol in *bits), else the bytes of a file. */
static uint8_t *load_samples(const char *arg, size_t *n, int *bits)
{
    static const struct {
        const char *set, *file;
        int bits;
    } sets[] = {
        {"urandom_1M", "urandom_1M.bin", 8},
        {"counter_1M", "counter_1M.bin", 8},
        {"lcg_low8_1M", "lcg_low8_1M.bin", 8},
        {"javarand_hi8_1M", "javarand_hi8_1M.bin", 8},
        {"hex_tokens_nibbles", "hex_tokens_nibbles.bin", 4},
        {"weak_hex_tokens_nibbles", "weak_hex_tokens_nibbles.bin", 4},
        {"express_ids_raw", "express_ids_raw.bin", 8},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        if (strcmp(arg, sets[i].set) == 0) {
            if (!*bits) *bits = sets[i].bits;
            return td_verified(sets[i].file, n);
        }
    }
    FILE *f = fopen(arg, "rb");
    if (!f) {
        perror(arg);
        return NULL;
    }
    size_t cap = 1 << 20, got;
    uint8_t *buf = malloc(cap);
    *n = 0;
    while (buf && (got = fread(buf + *n, 1, cap - *n, f)) > 0) {
        *n += got;
        if (*n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) free(buf);
            buf = nb;
        }
    }
    fclose(f);
    if (!*bits) *bits = 8;
    return buf;
}

/* Each estimator alone on the literal symbols and on the bit string, as ea_assess runs them. */
static void breakdown(const uint8_t *raw, long n, int bits)
{
    int present[256] = {0}, map[256], k = 0;
    for (long i = 0; i < n; i++)
        present[raw[i]] = 1;
    for (int v = 0; v < 256; v++)
        map[v] = present[v] ? k++ : 0;
    uint8_t *sym = malloc((size_t)n), *bit = malloc((size_t)n * (size_t)bits);
    if (!sym || !bit) {
        free(sym);
        free(bit);
        return;
    }
    for (long i = 0; i < n; i++) {
        sym[i] = (uint8_t)map[raw[i]];
        for (int j = 0; j < bits; j++)
            bit[i * bits + j] = (raw[i] >> (bits - 1 - j)) & 1;
    }
    double total = 0;
    for (int pass = 0; pass < 2; pass++) {
        const uint8_t *s = pass ? bit : sym;
        long len = pass ? n * bits : n;
        int kk = pass ? 2 : k;
        for (int e = 0; e < EA_N; e++) {
            if (e == EA_LRS ||
                (kk != 2 && (e == EA_COLLISION || e == EA_MARKOV || e == EA_COMPRESSION)))
                continue;
            double c0 = cpu_now(), est[EA_N];
            ea_estimate((ea_estimator)e, s, len, kk, est);
            double dt = cpu_now() - c0;
            total += dt;
            printf("  %-9s %-12s %7.3f s  %f", pass ? "bitstring" : "literal",
                   e == EA_TUPLE ? "t_tuple+lrs" : ea_key((ea_estimator)e), dt, est[e]);
            if (e == EA_TUPLE) printf(" %f", est[EA_LRS]);
            printf("\n");
        }
        if (k == 2) break;
    }
    printf("  total cpu %.3f s, peak RSS %.1f MiB (one estimator at a time)\n", total, peak_mib());
    free(sym);
    free(bit);
}

int main(int argc, char **argv)
{
    mallopt(M_MMAP_THRESHOLD, 256 * 1024); /* as sessionscan's main does */
    if (argc == 3 && strcmp(argv[1], "-t") == 0) return bench_tokens(argv[2]);
    int each = argc > 1 && strcmp(argv[1], "-e") == 0, a = 1 + each;
    if (argc < a + 1 || argc > a + 2) {
        fprintf(stderr, "usage: %s [-e] SET|FILE [BITS_PER_SYMBOL] | -t TOKENS_FILE\n", argv[0]);
        return 2;
    }
    int bits = argc == a + 2 ? atoi(argv[a + 1]) : 0;
    size_t n = 0;
    uint8_t *buf = load_samples(argv[a], &n, &bits);
    if (!buf || n == 0) {
        fprintf(stderr, "%s: no samples\n", argv[a]);
        free(buf);
        return 1;
    }
    if (each) {
        breakdown(buf, (long)n, bits);
        free(buf);
        return 0;
    }
    ea_result r;
    char err[128];
    double t0 = now(), c0 = cpu_now();
    int rc = ea_assess(buf, (long)n, bits, &r, err, sizeof err);
    double t1 = now(), c1 = cpu_now();
    free(buf);
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", argv[a], err);
        return 1;
    }
    for (int e = 0; e < EA_N; e++)
        printf("  literal   %-60s %f\n", ea_name(e), r.lit[e]);
    for (int e = 0; e < EA_N; e++)
        printf("  bitstring %-60s %f\n", ea_name(e), r.bit[e]);
    printf("  H_original %f H_bitstring %f min_entropy %f\n", r.h_original, r.h_bitstring,
           r.min_entropy);
    printf("%s: %zu samples, wall %.3f s, cpu %.3f s, peak RSS %.1f MiB\n", argv[a], n, t1 - t0,
           c1 - c0, peak_mib());
    return 0;
}
