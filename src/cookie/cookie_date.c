#include "cookie/cookie_date.h"

#include <stdbool.h>
#include <string.h>

/* Browsers never need dates past year 9999 (years have at most four digits), and this keeps the
   arithmetic in range; a 32-bit time_t could not hold them. */
_Static_assert(sizeof(time_t) >= 8, "cookie dates need a 64-bit time_t");

typedef struct {
    bool time, mday, month, year;
    int hh, mm, ss, day, mon;
    long year_value;
} date_fields;

/* delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
static bool is_delim(unsigned char c)
{
    return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) ||
           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Reads min..max digits at tok[*i]; the digit run must end there (end of token or non-digit). */
static bool read_digits(const char *tok, size_t len, size_t *i, size_t min, size_t max, long *val)
{
    size_t start = *i;
    long v = 0;
    while (*i < len && is_digit((unsigned char)tok[*i]) && *i - start < max)
        v = v * 10 + (tok[(*i)++] - '0');
    if (*i - start < min || (*i < len && is_digit((unsigned char)tok[*i]))) return false;
    *val = v;
    return true;
}

/* time = hms-time [ non-digit *OCTET ];  hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT */
static bool match_time(const char *tok, size_t len, date_fields *f)
{
    long part[3];
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        if (k > 0 && (i >= len || tok[i++] != ':')) return false;
        if (!read_digits(tok, len, &i, 1, 2, &part[k])) return false;
    }
    f->hh = (int)part[0];
    f->mm = (int)part[1];
    f->ss = (int)part[2];
    return true;
}

static bool match_number(const char *tok, size_t len, size_t min, size_t max, long *val)
{
    size_t i = 0;
    return read_digits(tok, len, &i, min, max, val);
}

static int match_month(const char *tok, size_t len)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    if (len < 3) return 0;
    char m[3];
    for (int k = 0; k < 3; k++) {
        char c = tok[k];
        m[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    for (int k = 0; k < 12; k++)
        if (memcmp(names + (size_t)k * 3, m, 3) == 0) return k + 1;
    return 0;
}

/* Step 2: each token fills the first still-empty field it matches, in this fixed order. */
static void take_token(const char *tok, size_t len, date_fields *f)
{
    long v;
    int mon;
    if (!f->time && match_time(tok, len, f)) {
        f->time = true;
    } else if (!f->mday && match_number(tok, len, 1, 2, &v)) {
        f->mday = true;
        f->day = (int)v;
    } else if (!f->month && (mon = match_month(tok, len)) != 0) {
        f->month = true;
        f->mon = mon;
    } else if (!f->year && match_number(tok, len, 2, 4, &v)) {
        f->year = true;
        f->year_value = v;
    }
}

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

long long cookie_days_from_civil(long long y, int m, int d)
{
    /* Howard Hinnant's algorithm: shift the year to start in March so leap days come last. */
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int cookie_date_parse(const char *s, size_t len, time_t *out)
{
    date_fields f;
    memset(&f, 0, sizeof f);
    size_t i = 0;
    while (i < len) {
        while (i < len && is_delim((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_delim((unsigned char)s[i]))
            i++;
        if (i > start) take_token(s + start, i - start, &f);
    }
    if (!f.time || !f.mday || !f.month || !f.year) return -1;
    long y = f.year_value;
    if (y >= 70 && y <= 99)
        y += 1900;
    else if (y >= 0 && y <= 69)
        y += 2000;
    if (f.day < 1 || f.day > 31 || y < 1601 || f.hh > 23 || f.mm > 59 || f.ss > 59) return -1;
    if (f.day > days_in_month(y, f.mon)) return -1; /* step 6: "no such date" (Feb 30, Apr 31) */
    long long days = cookie_days_from_civil(y, f.mon, f.day);
    *out = (time_t)(days * 86400 + f.hh * 3600LL + f.mm * 60LL + f.ss);
    return 0;
}
