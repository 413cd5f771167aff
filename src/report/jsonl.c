/* JSON Lines: one finding per line, for log pipelines (jq -c, Loki, BigQuery). Each line is
 * self-contained: it repeats the target and the grade. */
#include "report/json_model.h"
#include "report/writer.h"

int write_jsonl(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    char grade[2] = {report_grade(r), 0};
    for (size_t i = 0; i < r->n_findings; i++) {
        json_t *j = finding_to_json(r, &r->findings[i]);
        json_object_set_new(j, "target", json_text(r->target));
        json_object_set_new(j, "grade", grade[0] ? json_string(grade) : json_null());
        int rc = json_dumpf(j, out, JSON_COMPACT | JSON_ENSURE_ASCII);
        json_decref(j);
        if (rc != 0) return -1;
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}
