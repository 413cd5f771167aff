#include "report/finding.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void report_init(ss_report *r, const char *command, const char *target)
{
    memset(r, 0, sizeof *r);
    r->tool_version = xstrdup(SS_VERSION);
    r->command = xstrdup(command);
    r->target = xstrdup(target ? target : "");
}

static void finding_free(ss_finding *f)
{
    free(f->message);
    free(f->location);
    for (size_t i = 0; i < f->n_evidence; i++)
        free(f->evidence[i]);
    free(f->evidence);
    free(f->reproduce);
    free(f->suppress_reason);
}

void report_free(ss_report *r)
{
    for (size_t i = 0; i < r->n_findings; i++)
        finding_free(&r->findings[i]);
    free(r->findings);
    for (size_t i = 0; i < r->n_checks; i++)
        free(r->checks[i].reason);
    free(r->checks);
    free(r->tool_version);
    free(r->command);
    free(r->target);
    free(r->error);
    free(r->oracle);
    free(r->session_cookie);
    json_decref(r->extra_json);
    memset(r, 0, sizeof *r);
}

/* Report text quotes the target (cookie names, Location…): kept valid UTF-8 without control
 * characters, for the terminal and for JSON. */
static char *vfmt(const char *fmt, va_list ap)
{
    ss_buf b;
    buf_init(&b, 0);
    buf_vprintf(&b, fmt, ap);
    char *raw = buf_take(&b), *clean = utf8_clean(raw);
    free(raw);
    return clean;
}

void report_set_error(ss_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(r->error);
    r->error = vfmt(fmt, ap);
    va_end(ap);
    r->incomplete = 1;
}

ss_finding *report_add(ss_report *r, const char *rule_id, ss_confidence conf, const char *location,
                       const char *fmt, ...)
{
    const ss_rule *rule = rule_find(rule_id);
    if (!rule) {
        fprintf(stderr, "sessionscan: internal error: unknown rule %s\n", rule_id);
        abort();
    }
    ss_finding *f = XARRAY_PUSH(r->findings, r->n_findings, r->cap_findings);
    f->rule = rule;
    f->severity = rule->severity;
    f->confidence = conf;
    f->location = utf8_clean(location ? location : "");
    va_list ap;
    va_start(ap, fmt);
    f->message = vfmt(fmt, ap);
    va_end(ap);
    f->reproduce = xstrdup("");
    return f;
}

void finding_evidence(ss_finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char **slot = XARRAY_PUSH(f->evidence, f->n_evidence, f->cap_evidence);
    *slot = vfmt(fmt, ap);
    va_end(ap);
}

void finding_set_reproduce(ss_finding *f, const char *text)
{
    free(f->reproduce);
    f->reproduce = utf8_clean(text);
}

bool report_has(const ss_report *r, const char *rule_id)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (strcmp(r->findings[i].rule->id, rule_id) == 0) return true;
    return false;
}

ss_check_result *report_check(ss_report *r, const char *check, ss_check_status st, const char *fmt,
                              ...)
{
    ss_check_result *c = XARRAY_PUSH(r->checks, r->n_checks, r->cap_checks);
    c->check = check;
    c->status = st;
    va_list ap;
    va_start(ap, fmt);
    c->reason = vfmt(fmt, ap);
    va_end(ap);
    return c;
}

const char *confidence_name(ss_confidence c)
{
    static const char *const names[] = {"tentative", "firm", "confirmed"};
    return (unsigned)c < 3 ? names[c] : "unknown";
}

const char *check_status_name(ss_check_status s)
{
    static const char *const names[] = {"pass", "fail", "inconclusive", "skipped"};
    return (unsigned)s < 4 ? names[s] : "unknown";
}

bool finding_counts(const ss_finding *f)
{
    return !f->suppressed && f->baseline != BASELINE_ABSENT;
}

int report_max_severity(const ss_report *r)
{
    int max = -1;
    for (size_t i = 0; i < r->n_findings; i++)
        if (finding_counts(&r->findings[i]) && (int)r->findings[i].severity > max)
            max = (int)r->findings[i].severity;
    return max;
}

int report_gate_severity(const ss_report *r)
{
    int max = -1;
    for (size_t i = 0; i < r->n_findings; i++) {
        const ss_finding *f = &r->findings[i];
        if (finding_counts(f) && (!r->baselined || f->baseline == BASELINE_NEW) &&
            (int)f->severity > max)
            max = (int)f->severity;
    }
    return max;
}

/* Published in docs/grading.md: start at 100, subtract per counting finding
 * (critical 40, high 25, medium 10, low 3, info 0); any critical caps at F, any high at D. */
char report_grade(const ss_report *r)
{
    static const int weight[] = {0, 3, 10, 25, 40};
    if (r->incomplete) return '\0';
    int score = 100;
    for (size_t i = 0; i < r->n_findings; i++)
        if (finding_counts(&r->findings[i])) score -= weight[r->findings[i].severity];
    char g = score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F';
    int max = report_max_severity(r);
    if (max == SEV_CRITICAL)
        g = 'F';
    else if (max == SEV_HIGH && g < 'D')
        g = 'D';
    return g;
}

/* Most severe first; equal severities keep the order the checks found them in (stable). */
void report_sort(ss_report *r)
{
    for (size_t i = 1; i < r->n_findings; i++) {
        ss_finding f = r->findings[i];
        size_t j = i;
        for (; j > 0 && r->findings[j - 1].severity < f.severity; j--)
            r->findings[j] = r->findings[j - 1];
        r->findings[j] = f;
    }
}
