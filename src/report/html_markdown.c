#include "report/escape.h"
#include "report/html_parts.h"
#include "util/xalloc.h"

#include <string.h>

/* One line of prose: `code` spans become <code>, everything else is escaped text. */
static void inline_text(FILE *out, const char *s, size_t n)
{
    bool code = false;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '`') continue;
        char *piece = xstrndup(s + start, i - start);
        xml_escape(out, piece);
        free(piece);
        if (i < n) {
            fputs(code ? "</code>" : "<code>", out);
            code = !code;
        }
        start = i + 1;
    }
    if (code) fputs("</code>", out);
}

void html_markdown(FILE *out, const char *md)
{
    bool fence = false, para = false;
    const char *p = md;
    while (*p) {
        size_t n = strcspn(p, "\n");
        bool blank = strspn(p, " \t") >= n;
        if (strncmp(p, "```", 3) == 0) {
            if (para) fputs("</p>\n", out);
            para = false;
            fputs(fence ? "</code></pre>\n" : "<pre class=\"code\"><code>", out);
            fence = !fence;
        } else if (fence) {
            char *line = xstrndup(p, n);
            xml_escape(out, line);
            free(line);
            fputc('\n', out);
        } else if (blank) {
            if (para) fputs("</p>\n", out);
            para = false;
        } else {
            fputs(para ? "\n" : "<p>", out);
            para = true;
            inline_text(out, p, n);
        }
        p += n + (p[n] == '\n');
    }
    if (fence) fputs("</code></pre>\n", out);
    if (para) fputs("</p>\n", out);
}
