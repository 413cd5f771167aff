/* Every report writer on hostile strings: the input is split at NUL bytes into location,
 * message, evidence lines (parsed by the HTML sequence diagram) and a token-analysis JSON. */
#include "report/writer.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *next(const char **p, const char *end)
{
    const char *s = *p;
    const char *nul = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
    *p = nul ? nul + 1 : end;
    return s < end && nul ? s : "";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink) sink = fopen("/dev/null", "w");
    if (!sink || size > 65536) return 0;
    const char *p = (const char *)data, *end = p + size;
    ss_report r;
    report_init(&r, "scan", next(&p, end));
    ss_finding *f = report_add(&r, "SS-FIX-ADOPT", CONF_FIRM, next(&p, end), "%s", next(&p, end));
    f->line = size % 3 == 0 ? (int)(size % 97) : 0;
    f->check = "adoption";
    for (int i = 0; i < 6 && p < end; i++)
        finding_evidence(f, "%s", next(&p, end));
    report_check(&r, "adoption", (ss_check_status)(size % 4), "%s", next(&p, end));
    if (size % 5 == 0) report_set_error(&r, "%s", next(&p, end));
    const char *extra = next(&p, end);
    json_t *j = json_loads(extra, 0, NULL);
    r.extra_json = j;
    const char *formats[] = {"text", "json", "sarif", "html", "junit", "md", "jsonl"};
    ss_write_opts o = {false, true};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        writer_find(formats[i])->write(sink, &r, &o);
    r.extra_json = NULL;
    json_decref(j);
    report_free(&r);
    return 0;
}
