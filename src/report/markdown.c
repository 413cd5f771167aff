/* Markdown for a pull-request comment: the verdict and a table, details folded away. */
#include "report/escape.h"
#include "report/writer.h"

#include <string.h>

static void counts_line(FILE *out, const ss_report *r)
{
    size_t n[5] = {0}, suppressed = 0, total = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const ss_finding *f = &r->findings[i];
        if (f->baseline == BASELINE_ABSENT) continue;
        if (f->suppressed)
            suppressed++;
        else {
            n[f->severity]++;
            total++;
        }
    }
    fprintf(out, "**%zu finding%s**", total, total == 1 ? "" : "s");
    const char *sep = " (";
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (n[s]) {
            fprintf(out, "%s%zu %s", sep, n[s], severity_name((ss_severity)s));
            sep = ", ";
        }
    if (*sep == ',') fputc(')', out);
    if (suppressed) fprintf(out, ", %zu suppressed", suppressed);
    fprintf(out, " · %u requests\n\n", r->requests);
}

static void findings_table(FILE *out, const ss_report *r)
{
    fputs("| Severity | Rule | Location | Confidence | Finding |\n|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < r->n_findings; i++) {
        const ss_finding *f = &r->findings[i];
        fprintf(out, "| %s%s | `%s` | ", severity_name(f->severity),
                f->suppressed                       ? " (suppressed)"
                : f->baseline == BASELINE_ABSENT    ? " (fixed)"
                : f->baseline == BASELINE_UNCHANGED ? " (known)"
                : f->baseline == BASELINE_NEW       ? " (new)"
                                                    : "",
                f->rule->id);
        md_cell(out, *f->location ? f->location : "/");
        fprintf(out, " | %s | ", confidence_name(f->confidence));
        md_cell(out, f->message);
        fputs(" |\n", out);
    }
}

/* One folded fix per rule, in catalogue order. */
static void remediation(FILE *out, const ss_report *r)
{
    for (size_t k = 0; k < rule_count(); k++) {
        const ss_rule *rule = rule_at(k);
        bool used = false;
        for (size_t i = 0; i < r->n_findings && !used; i++)
            used = r->findings[i].rule == rule && r->findings[i].baseline != BASELINE_ABSENT;
        if (!used) continue;
        fprintf(out, "\n<details><summary>How to fix %s</summary>\n\n%s\n", rule->id,
                rule->remediation);
        if (*rule->express) fprintf(out, "\n**Express**\n\n%s\n", rule->express);
        if (*rule->dynamodb) fprintf(out, "\n**DynamoDB**\n\n%s\n", rule->dynamodb);
        fprintf(out, "\n`sessionscan explain %s` has the whole story.\n</details>\n", rule->id);
    }
}

int write_markdown(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    char grade = report_grade(r);
    fputs("## sessionscan: ", out);
    if (grade)
        fprintf(out, "grade %c", grade);
    else
        fputs("incomplete scan, no grade", out);
    fputs(" for ", out);
    md_cell(out, r->target);
    fputs("\n\n", out);
    if (r->incomplete) {
        fputs("> **The scan did not finish:** ", out);
        md_cell(out, r->error ? r->error : "unknown error");
        fputs("\n\n", out);
    }
    counts_line(out, r);
    if (r->n_findings) {
        findings_table(out, r);
        remediation(out, r);
    } else if (!r->incomplete) {
        fputs("No session-management weakness found.\n", out);
    }
    if (r->n_checks) {
        fputs("\n<details><summary>Checks</summary>\n\n| Check | Status | Why |\n|---|---|---|\n",
              out);
        for (size_t i = 0; i < r->n_checks; i++) {
            fprintf(out, "| %s | %s | ", r->checks[i].check,
                    check_status_name(r->checks[i].status));
            md_cell(out, r->checks[i].reason);
            fputs(" |\n", out);
        }
        fputs("\n</details>\n", out);
    }
    fprintf(out, "\n<sub>sessionscan %s · grading: docs/grading.md</sub>\n", r->tool_version);
    return ferror(out) ? -1 : 0;
}
