#include "report/escape.h"
#include "util/utf8.h"

#include <string.h>

void xml_escape_n(FILE *out, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    if (max && len > max) len = max;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        size_t n = utf8_seq_len(p + i, len - i);
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
