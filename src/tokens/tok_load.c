/* Reading token lists: one token per line, every limit checked before memory is committed. */
#include "tokens/tokens.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <string.h>

void tokens_opts_init(tokens_opts *o)
{
    memset(o, 0, sizeof *o);
    o->alpha = 0.01;
    o->max_tokens = TOKENS_MAX_COUNT;
    o->max_line = TOKENS_MAX_LINE;
}

void tokens_set_add(tokens_set *s, const char *token)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->tok = xrealloc(s->tok, s->cap * sizeof *s->tok);
    }
    s->tok[s->n++] = xstrdup(token);
}

void tokens_set_from_list(tokens_set *out, const char *const *tokens, size_t n)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        tokens_set_add(out, tokens[i]);
}

void tokens_set_free(tokens_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->tok[i]);
    free(s->tok);
    free(s->raw);
    memset(s, 0, sizeof *s);
}

static int fail(tokens_set *s, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(tokens_set *s, char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    tokens_set_free(s);
    return -1;
}

/* Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF). */
static bool valid_utf8(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t len;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
            c &= 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return false;
            c = (c << 6) | (p[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

static int load_raw(FILE *in, const tokens_opts *o, tokens_set *out, char *err, size_t errlen)
{
    size_t cap = 1 << 16;
    out->raw = xmalloc(cap);
    out->is_raw = true;
    for (;;) {
        if (out->raw_len == cap) {
            if (cap >= TOKENS_MAX_RAW)
                return fail(out, err, errlen, "binary input larger than %u MiB",
                            TOKENS_MAX_RAW >> 20);
            cap *= 2;
            out->raw = xrealloc(out->raw, cap);
        }
        size_t got = fread(out->raw + out->raw_len, 1, cap - out->raw_len, in);
        out->raw_len += got;
        if (got == 0) break;
    }
    if (ferror(in)) return fail(out, err, errlen, "read error");
    if (out->raw_len == 0) return fail(out, err, errlen, "empty input: no samples");
    (void)o;
    return 0;
}

int tokens_load(FILE *in, const tokens_opts *o, tokens_set *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (o->raw) return load_raw(in, o, out, err, errlen);
    size_t maxl = o->max_line ? o->max_line : TOKENS_MAX_LINE;
    size_t maxn = o->max_tokens ? o->max_tokens : TOKENS_MAX_COUNT;
    char *line = xmalloc(maxl + 1);
    size_t len = 0, lineno = 1;
    bool overlong = false;
    int c;
    for (;;) {
        c = getc(in);
        if (c == EOF || c == '\n') {
            while (len > 0 &&
                   (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
                len--;
            size_t start = 0;
            while (start < len && (line[start] == ' ' || line[start] == '\t'))
                start++;
            if (overlong) {
                free(line);
                return fail(out, err, errlen, "line %zu is longer than %zu bytes", lineno, maxl);
            }
            if (len > start) {
                if (!valid_utf8((unsigned char *)line + start, len - start)) {
                    free(line);
                    return fail(out, err, errlen,
                                "line %zu is not valid UTF-8 (binary input? use --raw)", lineno);
                }
                if (out->n >= maxn) {
                    free(line);
                    return fail(out, err, errlen, "more than %zu tokens", maxn);
                }
                line[len] = '\0';
                tokens_set_add(out, line + start);
            }
            if (c == EOF) break;
            len = 0;
            lineno++;
            continue;
        }
        if (c == '\0') {
            free(line);
            return fail(out, err, errlen, "line %zu contains a NUL byte (binary input? use --raw)",
                        lineno);
        }
        if (len < maxl)
            line[len++] = (char)c;
        else
            overlong = true;
    }
    free(line);
    if (ferror(in)) return fail(out, err, errlen, "read error");
    if (out->n == 0) return fail(out, err, errlen, "empty input: no tokens");
    return 0;
}
