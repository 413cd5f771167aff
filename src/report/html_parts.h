/* The pieces of the HTML report, each drawn from already-redacted report data. */
#ifndef SS_HTML_PARTS_H
#define SS_HTML_PARTS_H
#include "report/finding.h"

#include <stdio.h>

/* The attack as an attacker / victim / server sequence diagram (inline SVG) drawn from the
 * evidence steps ("actor: METHOD path [...] -> status [...] (note)"). Nothing without steps. */
void html_sequence(FILE *out, const ss_finding *f, size_t idx);
/* The small Markdown of the rule documents: paragraphs, fenced code, `inline code`. */
void html_markdown(FILE *out, const char *md);
/* Per-position entropy bars when extra_json has "positions": [{"entropy_bits": x}, ...];
 * writes nothing otherwise. Returns whether it wrote the section. */
int html_tokens(FILE *out, const void *extra_json);

#endif
