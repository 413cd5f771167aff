/* Times the SP 800-90B estimator battery on a sample file and prints every estimate, the wall time
 * and the peak resident memory (getrusage ru_maxrss).
 *   bench_entropy FILE BITS_PER_SYMBOL
 * With -t FILE it instead times the whole token analysis (tokens_load + tokens_analyse). */
#include "tokens/ea.h"
#include "tokens/tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
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
    double t0 = now();
    if (tokens_load(f, &o, &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", path, err);
        fclose(f);
        return 1;
    }
    fclose(f);
    if (tokens_analyse(&s, &o, &r) != 0) {
        fprintf(stderr, "%s: %s\n", path, r.error);
        return 1;
    }
    double t1 = now();
    printf("%s: %zu tokens, %.1f bits/token effective, wall %.3f s, peak RSS %.1f MiB\n", path, s.n,
           r.effective_bits, t1 - t0, peak_kib() / 1024.0);
    tokens_result_free(&r);
    tokens_set_free(&s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "-t") == 0) return bench_tokens(argv[2]);
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE BITS_PER_SYMBOL | -t TOKENS_FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) return 1;
    ea_result r;
    char err[128];
    double t0 = now();
    int rc = ea_assess(buf, (long)n, atoi(argv[2]), &r, err, sizeof err);
    double t1 = now();
    free(buf);
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }
    for (int e = 0; e < EA_N; e++)
        printf("  literal   %-60s %f\n", ea_name(e), r.lit[e]);
    for (int e = 0; e < EA_N; e++)
        printf("  bitstring %-60s %f\n", ea_name(e), r.bit[e]);
    printf("  H_original %f H_bitstring %f min_entropy %f\n", r.h_original, r.h_bitstring,
           r.min_entropy);
    printf("%s: %zu samples, wall %.3f s, peak RSS %.1f MiB\n", argv[1], n, t1 - t0,
           peak_kib() / 1024.0);
    return 0;
}
