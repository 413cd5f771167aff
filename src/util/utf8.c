#include "util/utf8.h"
#include "util/buf.h"

#include <stddef.h>

/* Length of the valid UTF-8 sequence at p (1-4), or 0 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). */
static size_t seq_len(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
    size_t n = seq_len(p);
    return n <= avail ? n : 0;
}

static int is_control(const unsigned char *p, size_t n)
{
    if (n == 1) return (p[0] < 0x20 && p[0] != '\n' && p[0] != '\t') || p[0] == 0x7F;
    return n == 2 && p[0] == 0xC2 && p[1] < 0xA0; /* C1: U+0080..U+009F */
}

char *utf8_clean(const char *s)
{
    ss_buf b;
    buf_init(&b, 0);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = seq_len(p); /* stops at the NUL: a continuation byte is never 0 */
        if (n == 0 || is_control(p, n)) {
            buf_puts(&b, "\xEF\xBF\xBD");
            p += n ? n : 1;
        } else {
            buf_append(&b, p, n);
            p += n;
        }
    }
    return buf_take(&b);
}
