/* Findings, check outcomes and the report they make up. Every string stored here is already
 * redacted: writers print what they are given and never see a secret. */
#ifndef SS_FINDING_H
#define SS_FINDING_H
#include "report/rule.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { CONF_TENTATIVE = 0, CONF_FIRM, CONF_CONFIRMED } ss_confidence;

/* Where a finding stands against --baseline (the previous JSON report). */
typedef enum {
    BASELINE_NONE = 0,
    BASELINE_NEW,
    BASELINE_UNCHANGED,
    BASELINE_ABSENT
} ss_baseline_state;

typedef struct {
    const ss_rule *rule;
    ss_severity severity; /* the rule's default unless a check lowered or raised it */
    ss_confidence confidence;
    char *message;   /* what happened, one or two sentences */
    char *location;  /* URL path, or "file:line" for spec findings */
    int line;        /* spec line, 0 if none */
    char **evidence; /* numbered steps, redacted */
    size_t n_evidence, cap_evidence;
    char *reproduce;   /* shell lines with curl, redacted ("" if none) */
    const char *check; /* name of the check module that raised it */
    bool suppressed;
    char *suppress_reason;      /* the suppressions file's reason when suppressed */
    ss_baseline_state baseline; /* ABSENT: in the baseline, fixed since; never counts */
} ss_finding;

typedef enum { CHECK_PASS = 0, CHECK_FAIL, CHECK_INCONCLUSIVE, CHECK_SKIPPED } ss_check_status;

typedef struct {
    const char *check; /* module name */
    ss_check_status status;
    char *reason;      /* why (always set for inconclusive and skipped) */
    unsigned requests; /* requests this check sent */
} ss_check_result;

typedef struct {
    char *tool_version;
    char *command; /* "scan", "tokens", "spec", "store" */
    char *target;  /* origin or file name, redacted */
    ss_finding *findings;
    size_t n_findings, cap_findings;
    ss_check_result *checks;
    size_t n_checks, cap_checks;
    char *error; /* set when the run is incomplete: the message the user sees */
    int incomplete;
    unsigned requests;     /* requests sent in total */
    double wall_seconds;   /* scanner wall time */
    double target_seconds; /* sum of the target's response times */
    char *oracle;          /* how logged-in was decided, for the reader */
    char *session_cookie;  /* name of the session cookie */
    void *extra_json;      /* optional json_t* with command-specific data (tokens analysis) */
    bool baselined;        /* compared with --baseline: only new findings fail the run */
} ss_report;

void report_init(ss_report *r, const char *command, const char *target);
void report_free(ss_report *r);
void report_set_error(ss_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds a finding for rule_id (which must exist in docs/rules) and returns it for evidence. */
ss_finding *report_add(ss_report *r, const char *rule_id, ss_confidence conf, const char *location,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void finding_evidence(ss_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void finding_set_reproduce(ss_finding *f, const char *text);
bool report_has(const ss_report *r, const char *rule_id);
/* Orders findings most severe first, keeping the checks' order among equals. */
void report_sort(ss_report *r);

ss_check_result *report_check(ss_report *r, const char *check, ss_check_status st, const char *fmt,
                              ...) __attribute__((format(printf, 4, 5)));

const char *confidence_name(ss_confidence c);
const char *check_status_name(ss_check_status s);
/* A finding that counts for the grade: not suppressed, not absent (fixed since the baseline). */
bool finding_counts(const ss_finding *f);
/* Highest severity among counting findings, or -1 when there are none. */
int report_max_severity(const ss_report *r);
/* Highest severity among the findings that gate the exit code: counting ones, and with a
 * baseline only the new ones; -1 when there are none. */
int report_gate_severity(const ss_report *r);
/* Letter grade A-F, or '\0' for an incomplete run (no grade). */
char report_grade(const ss_report *r);

#endif
