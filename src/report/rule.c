#include "report/rule.h"

#include <string.h>
#include <strings.h>

extern const ss_rule ss_rules_generated[];
extern const size_t ss_rules_generated_count;

size_t rule_count(void)
{
    return ss_rules_generated_count;
}

const ss_rule *rule_at(size_t i)
{
    return i < ss_rules_generated_count ? &ss_rules_generated[i] : NULL;
}

const ss_rule *rule_find(const char *id)
{
    for (size_t i = 0; i < ss_rules_generated_count; i++)
        if (strcasecmp(ss_rules_generated[i].id, id) == 0) return &ss_rules_generated[i];
    return NULL;
}

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical"};

const char *severity_name(ss_severity s)
{
    return (unsigned)s < 5 ? sev_names[s] : "unknown";
}

int severity_parse(const char *s, ss_severity *out)
{
    for (int i = 0; i < 5; i++)
        if (strcasecmp(s, sev_names[i]) == 0) {
            *out = (ss_severity)i;
            return 0;
        }
    return -1;
}
