/* JUnit XML for CI dashboards: one testsuite per target, one testcase per check. A finding is a
 * failure, an inconclusive check an error, a check that did not apply is skipped. */
#include "report/escape.h"
#include "report/writer.h"

#include <string.h>

typedef struct {
    size_t tests, failures, errors, skipped;
} tally;

static bool finding_fails(const ss_finding *f)
{
    return finding_counts(f);
}

/* Findings raised by no check module (spec, tokens, store) are testcases of their own. */
static bool orphan(const ss_report *r, const ss_finding *f)
{
    if (!f->check) return true;
    for (size_t i = 0; i < r->n_checks; i++)
        if (strcmp(r->checks[i].check, f->check) == 0) return false;
    return true;
}

static size_t failing_findings(const ss_report *r, const char *check)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i].check && strcmp(r->findings[i].check, check) == 0 &&
            finding_fails(&r->findings[i]))
            n++;
    return n;
}

static tally count(const ss_report *r)
{
    tally t = {0, 0, 0, 0};
    for (size_t i = 0; i < r->n_checks; i++) {
        t.tests++;
        const ss_check_result *c = &r->checks[i];
        if (c->status == CHECK_INCONCLUSIVE)
            t.errors++;
        else if (failing_findings(r, c->check) || c->status == CHECK_FAIL)
            t.failures++;
        else if (c->status == CHECK_SKIPPED)
            t.skipped++;
    }
    for (size_t i = 0; i < r->n_findings; i++)
        if (orphan(r, &r->findings[i]) && r->findings[i].baseline != BASELINE_ABSENT) {
            t.tests++;
            t.failures += finding_fails(&r->findings[i]);
        }
    if (r->incomplete && r->n_checks == 0) {
        t.tests++;
        t.errors++;
    }
    return t;
}

static void attr(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    xml_escape_n(out, value, 1024);
    fputc('"', out);
}

static void finding_text(FILE *out, const ss_finding *f)
{
    fprintf(out, "%s [%s, %s] at ", f->rule->id, severity_name(f->severity),
            confidence_name(f->confidence));
    xml_escape(out, *f->location ? f->location : "/");
    fputc('\n', out);
    xml_escape(out, f->message);
    fputc('\n', out);
    for (size_t k = 0; k < f->n_evidence; k++) {
        fprintf(out, "  %zu. ", k + 1);
        xml_escape(out, f->evidence[k]);
        fputc('\n', out);
    }
    fputs("Fix: ", out);
    xml_escape(out, f->rule->remediation);
    fputs("\n\n", out);
}

/* The failure element of a testcase: its findings, or the check's own reason. */
static void failure(FILE *out, const ss_report *r, const char *check, const char *reason)
{
    const ss_finding *first = NULL;
    for (size_t i = 0; i < r->n_findings && !first; i++)
        if (r->findings[i].check && strcmp(r->findings[i].check, check) == 0 &&
            finding_fails(&r->findings[i]))
            first = &r->findings[i];
    fputs("      <failure", out);
    attr(out, "message", first ? first->rule->title : reason);
    attr(out, "type", first ? first->rule->id : "check");
    fputs(">", out);
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i].check && strcmp(r->findings[i].check, check) == 0 &&
            finding_fails(&r->findings[i]))
            finding_text(out, &r->findings[i]);
    if (!first) xml_escape(out, reason);
    fputs("</failure>\n", out);
}

static void suppressed_notes(FILE *out, const ss_report *r, const char *check)
{
    bool any = false;
    for (size_t i = 0; i < r->n_findings; i++) {
        const ss_finding *f = &r->findings[i];
        if (!f->check || strcmp(f->check, check) != 0 || finding_fails(f) ||
            f->baseline == BASELINE_ABSENT)
            continue;
        if (!any) fputs("      <system-out>", out);
        any = true;
        fputs("suppressed: ", out);
        xml_escape(out, f->rule->id);
        fputs(" (", out);
        xml_escape(out, f->suppress_reason ? f->suppress_reason : "");
        fputs(")\n", out);
    }
    if (any) fputs("</system-out>\n", out);
}

static void check_case(FILE *out, const ss_report *r, const ss_check_result *c,
                       const char *classname)
{
    fputs("    <testcase", out);
    attr(out, "classname", classname);
    attr(out, "name", c->check);
    fputs(" time=\"0\">\n", out);
    if (c->status == CHECK_INCONCLUSIVE) {
        fputs("      <error", out);
        attr(out, "message", c->reason);
        fputs(" type=\"inconclusive\"/>\n", out);
    } else if (failing_findings(r, c->check) || c->status == CHECK_FAIL) {
        failure(out, r, c->check, c->reason);
    } else if (c->status == CHECK_SKIPPED) {
        fputs("      <skipped", out);
        attr(out, "message", c->reason);
        fputs("/>\n", out);
    }
    suppressed_notes(out, r, c->check);
    fputs("    </testcase>\n", out);
}

static void orphan_case(FILE *out, const ss_finding *f, const char *classname)
{
    fputs("    <testcase", out);
    attr(out, "classname", classname);
    attr(out, "name", f->rule->id);
    fputs(" time=\"0\">\n", out);
    if (finding_fails(f)) {
        fputs("      <failure", out);
        attr(out, "message", f->rule->title);
        attr(out, "type", f->rule->id);
        fputs(">", out);
        finding_text(out, f);
        fputs("</failure>\n", out);
    }
    fputs("    </testcase>\n", out);
}

int write_junit(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    tally t = count(r);
    char classname[64], grade[2] = {report_grade(r), 0};
    snprintf(classname, sizeof classname, "sessionscan.%s", r->command);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<testsuites name=\"sessionscan\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
            "skipped=\"%zu\" time=\"%.3f\">\n  <testsuite",
            t.tests, t.failures, t.errors, t.skipped, r->wall_seconds);
    attr(out, "name", r->target);
    fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n",
            t.tests, t.failures, t.errors, t.skipped, r->wall_seconds);
    fputs("    <properties>\n      <property name=\"grade\"", out);
    attr(out, "value", grade[0] ? grade : "none (incomplete scan)");
    fputs("/>\n      <property name=\"version\"", out);
    attr(out, "value", r->tool_version);
    fputs("/>\n    </properties>\n", out);
    for (size_t i = 0; i < r->n_checks; i++)
        check_case(out, r, &r->checks[i], classname);
    for (size_t i = 0; i < r->n_findings; i++)
        if (orphan(r, &r->findings[i]) && r->findings[i].baseline != BASELINE_ABSENT)
            orphan_case(out, &r->findings[i], classname);
    if (r->incomplete && r->n_checks == 0) {
        fputs("    <testcase", out);
        attr(out, "classname", classname);
        fputs(" name=\"run\" time=\"0\">\n      <error", out);
        attr(out, "message", r->error ? r->error : "the scan did not finish");
        fputs(" type=\"incomplete\"/>\n    </testcase>\n", out);
    }
    fputs("  </testsuite>\n</testsuites>\n", out);
    return ferror(out) ? -1 : 0;
}
