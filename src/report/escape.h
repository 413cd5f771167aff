/* Escaping for the markup formats (HTML, JUnit XML, Markdown). Text from a target is hostile:
 * invalid UTF-8 and control characters are replaced, never passed through. */
#ifndef SS_ESCAPE_H
#define SS_ESCAPE_H
#include <stddef.h>
#include <stdio.h>

/* Writes at most max bytes of s (0 = all) as XML/HTML text or attribute content. */
void xml_escape_n(FILE *out, const char *s, size_t max);
void xml_escape(FILE *out, const char *s);
/* One Markdown table cell: no line breaks, pipes escaped, HTML neutralised. */
void md_cell(FILE *out, const char *s);

#endif
