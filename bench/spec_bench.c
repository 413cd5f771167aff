/* Spec benchmark: parse (load) time, review time, plan time and peak memory for one API
 * description, usually the largest in the corpus (GitHub's api.github.com.json, 13 MB).
 * Usage: spec_bench FILE [RUNS]   (prints figures; never asserts) */
#include "spec/spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: spec_bench FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    if (runs < 1) runs = 1;
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        perror(argv[1]);
        return 2;
    }
    double best_load = 1e9, best_review = 1e9, best_plan = 1e9;
    size_t nodes = 0, ops = 0, findings = 0;
    for (int i = 0; i < runs; i++) {
        spec_error err;
        double t0 = now();
        spec_doc *d = spec_load_file(argv[1], &err);
        double t1 = now();
        if (!d) {
            fprintf(stderr, "%s\n", err.message);
            return 2;
        }
        ss_report r;
        report_init(&r, "spec", argv[1]);
        findings = (size_t)spec_review(d, argv[1], &r);
        double t2 = now();
        spec_plan p;
        spec_derive_plan(d, &p);
        double t3 = now();
        nodes = spec_node_count(d);
        ops = spec_operation_count(d);
        spec_plan_free(&p);
        report_free(&r);
        spec_free(d);
        best_load = t1 - t0 < best_load ? t1 - t0 : best_load;
        best_review = t2 - t1 < best_review ? t2 - t1 : best_review;
        best_plan = t3 - t2 < best_plan ? t3 - t2 : best_plan;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)st.st_size / 1e6, rss = (double)ru.ru_maxrss / 1e3;
    printf("file          %s\n", argv[1]);
    printf("size          %.1f MB, %zu nodes, %zu operations, %zu findings\n", mb, nodes, ops,
           findings);
    printf("parse+load    %.3f s (best of %d)\n", best_load, runs);
    printf("review        %.3f s\n", best_review);
    printf("plan          %.3f s\n", best_plan);
    printf("total         %.3f s\n", best_load + best_review + best_plan);
    printf("peak memory   %.1f MB ru_maxrss (%.1fx the file size)\n", rss, rss / mb);
    return 0;
}
