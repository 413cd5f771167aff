/* Audit wall time and peak memory on a table of any size (bench/README.md, "store").
 *
 *   store_bench ENDPOINT TABLE [SEGMENTS [PAGE_SIZE]]
 *
 * Runs the whole audit in-process (credentials from the environment) and prints items scanned,
 * pages, requests, wall seconds and the process's peak resident set (ru_maxrss). */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: store_bench ENDPOINT TABLE [SEGMENTS [PAGE_SIZE]]\n");
        return 2;
    }
    store_opts o;
    memset(&o, 0, sizeof o);
    o.endpoint = argv[1];
    o.table = argv[2];
    o.segments = argc > 3 ? atoi(argv[3]) : 1;
    o.page_size = argc > 4 ? atoi(argv[4]) : 0;
    ss_report r;
    report_init(&r, "store", o.table);
    store_stats st;
    char err[1024];
    double t0 = now_s();
    int rc = store_audit_stats(&o, &r, &st, err, sizeof err);
    double wall = now_s() - t0;
    if (rc != 0) {
        fprintf(stderr, "store_bench: %s\n", err);
        return rc;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("table=%s items=%lu segments=%d pages=%lu requests=%lu findings=%zu wall_s=%.3f "
           "items_per_s=%.0f maxrss_kib=%ld\n",
           o.table, st.items, o.segments, st.pages, st.requests, r.n_findings, wall,
           wall > 0 ? (double)st.items / wall : 0.0, ru.ru_maxrss);
    store_stats_free(&st);
    json_decref(r.extra_json);
    r.extra_json = NULL;
    report_free(&r);
    return 0;
}
