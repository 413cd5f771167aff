/* The rule catalogue. Generated at build time from docs/rules/SS-*.md (tools/gen_rules.c):
 * the documentation is the single source of every rule's metadata, prose and remediation. */
#ifndef SS_RULE_H
#define SS_RULE_H
#include <stddef.h>

typedef enum { SEV_INFO = 0, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL } ss_severity;

typedef struct {
    const char *id;          /* SS-FIX-CONFIRMED */
    const char *title;       /* one line */
    ss_severity severity;    /* default severity */
    const char *cwe;         /* "384" or "384, 598" */
    const char *owasp_api;   /* "API2:2023" */
    const char *wstg;        /* "WSTG-SESS-03" */
    const char *asvs4;       /* ASVS 4.0.3 ids */
    const char *asvs5;       /* ASVS 5.0 ids */
    const char *summary;     /* "## Summary" section */
    const char *remediation; /* "## Remediation" section */
    const char *express;     /* "## Express" section (may be "") */
    const char *dynamodb;    /* "## DynamoDB" section (may be "") */
    const char *doc;         /* the whole Markdown document, for `explain` */
} ss_rule;

size_t rule_count(void);
const ss_rule *rule_at(size_t i);
const ss_rule *rule_find(const char *id);

const char *severity_name(ss_severity s);
/* Parses "info|low|medium|high|critical"; returns -1 on anything else. */
int severity_parse(const char *s, ss_severity *out);

#endif
