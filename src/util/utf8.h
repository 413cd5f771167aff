/* Text from the target (cookie names, headers, bodies) may be any bytes: reports, JSON and the
 * terminal get it as valid UTF-8 without control characters. */
#ifndef SS_UTF8_H
#define SS_UTF8_H
#include <stddef.h>

/* Copy of s where every byte that is not part of a valid UTF-8 sequence, and every control
 * character except newline and tab (C0, DEL, C1), is replaced by U+FFFD; caller frees. */
char *utf8_clean(const char *s);

/* Length (1-4) of the valid UTF-8 sequence (RFC 3629) at the start of the NUL-terminated p when it
 * fits in avail bytes, else 0. */
size_t utf8_seq_len(const unsigned char *p, size_t avail);

#endif
