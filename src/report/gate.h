/* Gating policy applied to a finished report: a suppressions file (accepted risks, reported as
 * suppressed, never dropped) and a baseline (the previous JSON report: only new findings fail). */
#ifndef SS_GATE_H
#define SS_GATE_H
#include "report/artifact.h"
#include "report/finding.h"

#include <stdio.h>

typedef struct {
    char *rule;       /* glob on the rule id: SS-COOKIE-* */
    char *url;        /* glob on the location (/login) or on target+location */
    char *reason;     /* mandatory */
    char expires[11]; /* YYYY-MM-DD or "" */
    bool expired;     /* past its date: no longer applies */
    int line;         /* in the file, for messages */
} ss_suppression;

typedef struct {
    ss_suppression *items;
    size_t n, cap;
} ss_suppressions;

typedef struct {
    char fingerprint[SS_FINGERPRINT_LEN + 1];
    char *rule, *location, *message;
    int line;
    bool matched;
} ss_baseline_entry;

typedef struct {
    ss_baseline_entry *items;
    size_t n, cap;
} ss_baseline;

/* Loads and checks a suppressions file (YAML list of {rule, url, reason, expires}). Expired
 * entries are kept, marked, and announced on warn. Returns 0, or -1 with a message (exit 2). */
int suppressions_load(const char *path, const char *today, ss_suppressions *s, FILE *warn,
                      char *err, size_t errlen);
/* The same from memory (name is used in messages). */
int suppressions_parse(const char *data, size_t len, const char *name, const char *today,
                       ss_suppressions *s, FILE *warn, char *err, size_t errlen);
void suppressions_apply(const ss_suppressions *s, ss_report *r);
void suppressions_free(ss_suppressions *s);

/* Loads the findings of a previous JSON report. Returns 0, or -1 with a message (exit 2). */
int baseline_load(const char *path, ss_baseline *b, char *err, size_t errlen);
int baseline_parse(const char *data, size_t len, const char *name, ss_baseline *b, char *err,
                   size_t errlen);
/* Marks each finding new or unchanged and adds the baseline's findings that are gone as
 * absent (they never count for the grade or the exit code). */
void baseline_apply(ss_baseline *b, ss_report *r);
void baseline_free(ss_baseline *b);

/* Today's date (UTC) as YYYY-MM-DD. */
void gate_today(char *out, size_t n);

#endif
