/* Cost of writing each report format for a large report (N findings of 6 evidence steps each,
 * the lab's real shapes). Usage: bench_report [findings] (default 1000). Prints figures; asserts
 * nothing. */
#include "report/writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void build(ss_report *r, long n)
{
    static const char *const rules[] = {"SS-FIX-CONFIRMED", "SS-FIX-ADOPT", "SS-FIX-URL",
                                        "SS-NO-ROTATE", "SS-PERMISSIVE"};
    report_init(r, "scan", "https://app.example.com");
    for (long i = 0; i < n; i++) {
        ss_finding *f = report_add(r, rules[i % 5], CONF_CONFIRMED, "/login",
                                   "The pre-login session sessionId=f07b\u2026ccd7 (%ld) was "
                                   "still valid after the victim logged in.",
                                   i);
        f->check = "fixation";
        for (int k = 0; k < 6; k++)
            finding_evidence(f,
                             "%s: GET /profile [Cookie: sessionId=f07b\u2026ccd7] -> 200 "
                             "[Set-Cookie: sessionId=f07b\u2026ccd7; Path=/; HttpOnly] (step %d)",
                             k % 2 ? "attacker" : "victim", k);
        finding_set_reproduce(f, "curl -s -b attacker.txt \"$T/profile\"\n");
    }
    report_check(r, "fixation", CHECK_FAIL, "pre-login ID logged in");
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    if (n <= 0) n = 1000;
    ss_report r;
    build(&r, n);
    FILE *sink = fopen("/dev/null", "w");
    if (!sink) return 1;
    const char *formats[] = {"text", "json", "sarif", "html", "junit", "md", "jsonl"};
    printf("%-6s %10s %12s   (%ld findings, 6 evidence steps each)\n", "format", "ms", "findings/s",
           n);
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        ss_write_opts o = {false, true};
        double t0 = seconds();
        writer_find(formats[i])->write(sink, &r, &o);
        fflush(sink);
        double dt = seconds() - t0;
        printf("%-6s %10.1f %12.0f\n", formats[i], dt * 1000, (double)n / dt);
    }
    fclose(sink);
    report_free(&r);
    return 0;
}
