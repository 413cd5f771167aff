#include "report/escape.h"
#include "util/xalloc.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0 || n > avail || (n == 2 && s[0] < 0xC2) || (n == 4 && s[0] > 0xF4)) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0; /* overlong or surrogate */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0;
    return n;
}

char *utf8_sanitize(const char *s)
{
    size_t len = strlen(s);
    char *out = xmalloc(len + 1);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len(p + i, len - i);
        if (n == 0 || (n == 1 && p[i] == 0)) {
            out[i++] = '?';
            continue;
        }
        memcpy(out + i, p + i, n);
        i += n;
    }
    out[len] = '\0';
    return out;
}

void xml_escape_n(FILE *out, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    if (max && len > max) len = max;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        size_t n = utf8_len(p + i, len - i);
        if (n == 0) {
            fputc('?', out);
            i++;
            continue;
        }
        if (n > 1) {
            (void)fwrite(p + i, 1, n, out); /* errors show in ferror(out), checked by the caller */
        } else if (c == '&') {
            fputs("&amp;", out);
        } else if (c == '<') {
            fputs("&lt;", out);
        } else if (c == '>') {
            fputs("&gt;", out);
        } else if (c == '"') {
            fputs("&quot;", out);
        } else if (c == '\'') {
            fputs("&#39;", out);
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            fputc('?', out); /* not allowed in XML 1.0; \r would be normalised away */
        } else {
            fputc(c, out);
        }
        i += n;
    }
}

void xml_escape(FILE *out, const char *s)
{
    xml_escape_n(out, s, 0);
}

void md_cell(FILE *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            fputc(' ', out);
        else if (*p == '|')
            fputs("\\|", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '`' || *p == '*' || *p == '_' || *p == '[' || *p == ']' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if ((unsigned char)*p < 0x20)
            fputc('?', out);
        else
            fputc(*p, out);
    }
}
