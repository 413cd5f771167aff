/* The text summary of `sessionscan store`: what the scan of the table saw, then the findings and
 * checks. The command itself (options, exit code, JSON) is src/cli/cmd_store.c. */
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void store_print_summary(const store_opts *o, const ss_report *r, const store_stats *st)
{
    printf("sessionscan store: table %s\n", o->table);
    printf("  layout: %s\n", store_layout_name(st->layout.kind));
    printf("  items: %lu scanned%s (%lu live, %lu expired, %lu anonymous) in %lu requests\n",
           st->items, st->truncated ? " (stopped early: --max-items/--max-pages)" : "", st->live,
           st->expired, st->anonymous, st->requests);
    printf("  TTL: %s%s%s\n", st->ttl_status, st->ttl_attr ? " on " : "",
           st->ttl_attr ? st->ttl_attr : "");
    printf("  users with live sessions: %lu (%lu with several; most: %lu)\n", st->users,
           st->users_multi, st->max_per_user);
    if (st->has_oldest_live) {
        long age = (long)((double)time(NULL) - st->oldest_live_issued);
        printf("  oldest live session: %s, issued %ldd %ldh ago\n", st->oldest_live_key,
               age / 86400, age % 86400 / 3600);
    }
    printf("\n%zu finding(s)\n", r->n_findings);
    for (size_t i = 0; i < r->n_findings; i++) {
        const ss_finding *f = &r->findings[i];
        printf("[%s] %s (%s): %s\n", severity_name(f->severity), f->rule->id,
               confidence_name(f->confidence), f->message);
        for (size_t e = 0; e < f->n_evidence; e++)
            printf("    - %s\n", f->evidence[e]);
        if (f->reproduce && *f->reproduce) printf("    reproduce: %s\n", f->reproduce);
    }
    printf("\nchecks:\n");
    for (size_t i = 0; i < r->n_checks; i++)
        printf("  %-13s %-12s %s\n", r->checks[i].check, check_status_name(r->checks[i].status),
               r->checks[i].reason ? r->checks[i].reason : "");
}

