/* sessionscan checks / explain: the catalogue of checks and rules, from the generated docs. */
#include "checks/check.h"
#include "cli/commands.h"
#include "report/rule.h"

#include <stdio.h>
#include <string.h>

int cmd_checks(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) return fprintf(stderr, "sessionscan checks: takes no arguments\n"), EXIT_USAGE;
    puts("Checks (sessionscan scan --check NAME):");
    for (size_t i = 0; i < check_count(); i++)
        printf("  %-14s %s\n                 rules: %s\n", check_at(i)->name, check_at(i)->title,
               check_at(i)->rules);
    puts("\nRules (sessionscan explain ID):");
    for (size_t i = 0; i < rule_count(); i++)
        printf("  %-22s %-8s %s\n", rule_at(i)->id, severity_name(rule_at(i)->severity),
               rule_at(i)->title);
    return EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
    if (argc != 2)
        return fprintf(stderr, "sessionscan explain: name one rule id (see 'sessionscan "
                               "checks')\n"),
               EXIT_USAGE;
    const ss_rule *r = rule_find(argv[1]);
    if (!r)
        return fprintf(stderr, "sessionscan explain: no rule '%s' (see 'sessionscan checks')\n",
                       argv[1]),
               EXIT_USAGE;
    fputs(r->doc, stdout);
    return EXIT_CLEAN;
}
