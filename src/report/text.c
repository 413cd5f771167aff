/* The terminal report: the verdict first, then each finding with its proof and its fix. */
#include "report/writer.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *sev_color(ss_severity s)
{
    static const char *const c[] = {"\033[36m", "\033[34m", "\033[33m", "\033[31m", "\033[1;31m"};
    return c[s];
}

static void indent(FILE *out, const char *text, const char *prefix)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(out, "%s%.*s\n", prefix, (int)n, p);
        p += n + (nl ? 1 : 0);
    }
}

static void finding(FILE *out, const ss_finding *f, const ss_write_opts *o)
{
    const char *on = o->color ? sev_color(f->severity) : "", *off = o->color ? "\033[0m" : "";
    char sev[16];
    snprintf(sev, sizeof sev, "%s", severity_name(f->severity));
    for (char *p = sev; *p; p++)
        *p = (char)(*p - 32 * (*p >= 'a' && *p <= 'z'));
    static const char *const states[] = {"", " (new)", " (unchanged since the baseline)",
                                         " (fixed since the baseline)"};
    fprintf(out, "\n%s%-8s%s %s  [%s]%s%s  %s\n", on, sev, off, f->rule->id,
            confidence_name(f->confidence), f->suppressed ? " (suppressed)" : "",
            states[f->baseline], f->location);
    if (f->suppressed && f->suppress_reason) fprintf(out, "  Suppressed: %s\n", f->suppress_reason);
    fprintf(out, "  %s\n", f->rule->title);
    indent(out, f->message, "  ");
    fprintf(out, "  CWE-%s | OWASP %s | %s | ASVS 4.0.3 %s | ASVS 5.0 %s\n", f->rule->cwe,
            f->rule->owasp_api, f->rule->wstg, f->rule->asvs4, f->rule->asvs5);
    if (f->n_evidence) {
        fputs("  Evidence:\n", out);
        for (size_t i = 0; i < f->n_evidence; i++)
            fprintf(out, "    %zu. %s\n", i + 1, f->evidence[i]);
    }
    fputs("  Fix:\n", out);
    indent(out, f->rule->remediation, "    ");
    if (o->verbose && *f->rule->express) {
        fputs("  Express:\n", out);
        indent(out, f->rule->express, "    ");
    }
    if (o->verbose && *f->rule->dynamodb) {
        fputs("  DynamoDB:\n", out);
        indent(out, f->rule->dynamodb, "    ");
    }
    if (o->verbose && *f->reproduce) {
        fputs("  Reproduce:\n", out);
        indent(out, f->reproduce, "    ");
    }
}

static void summary_line(FILE *out, const ss_report *r, char grade)
{
    size_t counted = 0, suppressed = 0, fresh = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        counted += finding_counts(&r->findings[i]);
        suppressed += r->findings[i].suppressed;
        fresh += finding_counts(&r->findings[i]) && r->findings[i].baseline == BASELINE_NEW;
    }
    fprintf(out, "\n%zu finding%s", counted, counted == 1 ? "" : "s");
    if (suppressed) fprintf(out, " (+%zu suppressed)", suppressed);
    if (r->baselined) fprintf(out, ", %zu new since the baseline", fresh);
    fprintf(out, ". Grade: %c (docs/grading.md)\n", grade);
}

int write_text(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    char grade = report_grade(r);
    fprintf(out, "sessionscan %s: %s of %s\n", r->tool_version, r->command, r->target);
    if (r->session_cookie) { /* a name the target chose: no raw bytes to the terminal */
        char *name = utf8_clean(r->session_cookie);
        fprintf(out, "session cookie: %s\n", name);
        free(name);
    }
    if (r->oracle) fprintf(out, "logged-in oracle: %s\n", r->oracle);
    if (r->requests)
        fprintf(out, "requests: %u, %.2f s (target %.2f s)\n", r->requests, r->wall_seconds,
                r->target_seconds);
    for (size_t i = 0; i < r->n_findings; i++)
        finding(out, &r->findings[i], o);
    if (r->n_checks) {
        fputs("\nChecks:\n", out);
        for (size_t i = 0; i < r->n_checks; i++)
            fprintf(out, "  %-19s %-12s %s\n", r->checks[i].check,
                    check_status_name(r->checks[i].status), r->checks[i].reason);
    }
    if (r->incomplete)
        fprintf(out, "\nINCOMPLETE: %s\nNo grade: the scan could not finish.\n", r->error);
    else
        summary_line(out, r, grade);
    if (!o->verbose && r->n_findings)
        fputs("(-v shows framework-specific fixes and curl commands to reproduce)\n", out);
    return ferror(out) ? -1 : 0;
}
