/* The cookie-date algorithm of RFC 6265bis §5.1.1: the lenient date parser every browser uses
   for Expires, which is not RFC 1123 and not strptime. */
#ifndef SS_COOKIE_DATE_H
#define SS_COOKIE_DATE_H
#include <stddef.h>
#include <time.h>

/* Parses `len` bytes of `s` (need not be NUL-terminated). Returns 0 and stores the UTC instant in
   *out, or -1 when the algorithm says "fail" (missing field, out-of-range value, year < 1601,
   a day that does not exist in that month). */
int cookie_date_parse(const char *s, size_t len, time_t *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
long long cookie_days_from_civil(long long y, int m, int d);

#endif
