/* Growable byte buffer with a hard ceiling: everything a target sends us lands in one. */
#ifndef SS_BUF_H
#define SS_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t max; /* 0 = no ceiling (only for data we produce ourselves) */
} ss_buf;

void buf_init(ss_buf *b, size_t max);
void buf_free(ss_buf *b);
void buf_reset(ss_buf *b);
/* Returns 0, or -1 when the ceiling would be exceeded (nothing is appended then). */
int buf_append(ss_buf *b, const void *p, size_t n);
int buf_puts(ss_buf *b, const char *s);
int buf_printf(ss_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(ss_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the contents to the caller (never NULL) and leaves the buffer empty. */
char *buf_take(ss_buf *b);

#endif
