/* Report formats are modules: a descriptor per format, looked up by name (zmap's output modules).
 */
#ifndef SS_WRITER_H
#define SS_WRITER_H
#include "report/finding.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    bool color;
    bool verbose;
} ss_write_opts;

typedef struct {
    const char *name; /* "text", "json", "sarif", "html", "junit", "md", "jsonl" */
    int (*write)(FILE *out, const ss_report *r, const ss_write_opts *o);
} ss_writer;

const ss_writer *writer_find(const char *name);

/* Writes the report to path ("-" = stdout) atomically: a temporary file beside it, then rename.
 * Returns 0, or -1 with a message in err (exit code 2). */
int report_write_path(const ss_writer *w, const ss_report *r, const char *path,
                      const ss_write_opts *o, char *err, size_t errlen);

int write_text(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_json(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_sarif(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_html(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_junit(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_markdown(FILE *out, const ss_report *r, const ss_write_opts *o);
int write_jsonl(FILE *out, const ss_report *r, const ss_write_opts *o);

#endif
