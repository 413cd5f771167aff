/* Throughput of the Set-Cookie parser and the jar on realistic headers.
   Usage: bench_cookie [iterations]   (default 200000). Prints figures; asserts nothing. */
#include "cookie/jar.h"
#include "cookie/setcookie.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *headers[] = {
    "connect.sid=s%3AbXk3Qm1vZ2x6eXJ0dGVzdA.5Zq0a%2FfV7tYQe0kM1Zl8JxQmN3b4c5d6e7f8g9h0i1j; "
    "Path=/; Expires=Wed, 26 Nov 2025 10:00:00 GMT; HttpOnly; SameSite=Strict",
    "PHPSESSID=9u6g1vcn0mf3n1m7l2r8j5s4qp; expires=Thu, 27-Nov-2025 09:00:00 GMT; "
    "Max-Age=86400; path=/; domain=.example.com; secure; HttpOnly; SameSite=Lax",
    "__Host-sid=v2.local.AbCdEf0123456789; Path=/; Secure; HttpOnly; SameSite=Strict",
    "JSESSIONID=A1B2C3D4E5F60718293A4B5C6D7E8F90; Path=/app; Secure; HttpOnly",
};

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    if (iters <= 0) iters = 200000;
    size_t nh = sizeof headers / sizeof *headers, bytes = 0;
    time_t now = 1700000000;
    ss_jar *j = jar_new();
    double t0 = seconds();
    for (long i = 0; i < iters; i++) {
        const char *h = headers[(size_t)i % nh];
        size_t len = strlen(h);
        ss_setcookie c;
        if (setcookie_parse(h, len, &c) == 0) {
            jar_store(j, &c, "www.example.com", "/app/login", true, now);
            setcookie_free(&c);
        }
        bytes += len;
    }
    double t1 = seconds();
    for (long i = 0; i < iters; i++)
        free(jar_header(j, "/app/x", true, now));
    double t2 = seconds();
    printf("parse+store: %ld headers, %.1f MB in %.3f s = %.2f M headers/s\n", iters,
           (double)bytes / 1e6, t1 - t0, (double)iters / (t1 - t0) / 1e6);
    printf("jar_header (%zu cookies): %ld calls in %.3f s = %.2f M calls/s\n", jar_count(j), iters,
           t2 - t1, (double)iters / (t2 - t1) / 1e6);
    jar_free(j);
    return 0;
}
