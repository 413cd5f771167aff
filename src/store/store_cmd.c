/* `sessionscan store`: parses its options, runs the audit, prints a short text report. The
 * lead's shared option table and report writers will replace the parsing and the printing. */
#include "cli/commands.h"
#include "store/store.h"
#include "store/store_scan.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    OPT_TABLE = 256,
    OPT_ENDPOINT,
    OPT_REGION,
    OPT_PROFILE,
    OPT_CACERT,
    OPT_ID_ATTR,
    OPT_EXPIRY_ATTR,
    OPT_ISSUED_ATTR,
    OPT_USER_ATTR,
    OPT_MAX_ITEMS,
    OPT_MAX_PAGES,
    OPT_SEGMENTS,
    OPT_PAGE_SIZE,
    OPT_TARGET,
    OPT_PROTECTED,
    OPT_COOKIE,
    OPT_TIMEOUT,
    OPT_FAIL_ON
};

static const struct option long_opts[] = {
    {"table", required_argument, NULL, OPT_TABLE},
    {"endpoint-url", required_argument, NULL, OPT_ENDPOINT},
    {"region", required_argument, NULL, OPT_REGION},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"cacert", required_argument, NULL, OPT_CACERT},
    {"id-attr", required_argument, NULL, OPT_ID_ATTR},
    {"expiry-attr", required_argument, NULL, OPT_EXPIRY_ATTR},
    {"issued-attr", required_argument, NULL, OPT_ISSUED_ATTR},
    {"user-attr", required_argument, NULL, OPT_USER_ATTR},
    {"max-items", required_argument, NULL, OPT_MAX_ITEMS},
    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
    {"segments", required_argument, NULL, OPT_SEGMENTS},
    {"page-size", required_argument, NULL, OPT_PAGE_SIZE},
    {"target", required_argument, NULL, OPT_TARGET},
    {"protected", required_argument, NULL, OPT_PROTECTED},
    {"cookie", required_argument, NULL, OPT_COOKIE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *out)
{
    fputs(
        "usage: sessionscan store --table NAME [OPTIONS]\n"
        "Audits a DynamoDB session table (read-only: DescribeTable, DescribeTimeToLive, Scan).\n"
        "\n"
        "  --table NAME          session table (required)\n"
        "  --endpoint-url URL    DynamoDB endpoint (local servers); default: the region's\n"
        "  --region R            else AWS_REGION, AWS_DEFAULT_REGION, the profile's region\n"
        "  --profile P           shared credentials/config profile (else AWS_PROFILE)\n"
        "  --cacert FILE         CA bundle for the endpoint and the target\n"
        "  --id-attr A --expiry-attr A --issued-attr A --user-attr A\n"
        "                        item layout (default: recognise the seed's sessionId/userId/\n"
        "                        issuedAt/expiresAt or connect-dynamodb's id/expires/sess)\n"
        "  --max-items N         stop after N items (default: whole table)\n"
        "  --max-pages N         stop after N Scan pages (default 10000)\n"
        "  --segments N          parallel Scan segments, 1-64 (default 1)\n"
        "  --page-size N         items per Scan page (default: 1 MB pages)\n"
        "  --target URL --protected PATH --cookie NAME\n"
        "                        replay one expired session ID against PATH\n"
        "  --timeout SECONDS     per HTTP request to the target (default 10)\n"
        "  --fail-on SEVERITY    exit 1 on findings at or above it (default high)\n"
        "\nCredentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN or the shared\n"
        "files (~/.aws/credentials, ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE).\n"
        "Exit: 0 clean, 1 findings, 2 usage, 3 incomplete (credentials, table, region, "
        "endpoint).\n",
        out);
}

static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || !*s || *s == '-' || v > max) return -1;
    *out = v;
    return 0;
}

static int bad(const char *opt, const char *val)
{
    fprintf(stderr, "sessionscan store: invalid value for --%s: '%.100s'\n", opt, val);
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, store_opts *o, ss_severity *fail_on)
{
    unsigned long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_TABLE:
            o->table = optarg;
            break;
        case OPT_ENDPOINT:
            o->endpoint = optarg;
            break;
        case OPT_REGION:
            o->region = optarg;
            break;
        case OPT_PROFILE:
            o->profile = optarg;
            break;
        case OPT_CACERT:
            o->cacert = optarg;
            break;
        case OPT_ID_ATTR:
            o->id_attr = optarg;
            break;
        case OPT_EXPIRY_ATTR:
            o->expiry_attr = optarg;
            break;
        case OPT_ISSUED_ATTR:
            o->issued_attr = optarg;
            break;
        case OPT_USER_ATTR:
            o->user_attr = optarg;
            break;
        case OPT_TARGET:
            o->target = optarg;
            break;
        case OPT_PROTECTED:
            o->protected_path = optarg;
            break;
        case OPT_COOKIE:
            o->cookie = optarg;
            break;
        case OPT_MAX_ITEMS:
            if (parse_ulong(optarg, 1000000000UL, &v) != 0) return bad("max-items", optarg);
            o->max_items = v;
            break;
        case OPT_MAX_PAGES:
            if (parse_ulong(optarg, 10000000UL, &v) != 0 || v == 0) return bad("max-pages", optarg);
            o->max_pages = v;
            break;
        case OPT_SEGMENTS:
            if (parse_ulong(optarg, STORE_MAX_SEGMENTS, &v) != 0 || v == 0)
                return bad("segments", optarg);
            o->segments = (int)v;
            break;
        case OPT_PAGE_SIZE:
            if (parse_ulong(optarg, 1000000UL, &v) != 0 || v == 0) return bad("page-size", optarg);
            o->page_size = (int)v;
            break;
        case OPT_TIMEOUT:
            if (parse_ulong(optarg, 3600, &v) != 0 || v == 0) return bad("timeout", optarg);
            o->timeout_ms = (long)v * 1000;
            break;
        case OPT_FAIL_ON:
            if (severity_parse(optarg, fail_on) != 0) return bad("fail-on", optarg);
            break;
        case 'h':
            usage(stdout);
            return -1;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sessionscan store: unexpected argument '%.100s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    if (!o->table || !*o->table || strlen(o->table) > 255) {
        fprintf(stderr, "sessionscan store: --table NAME is required (1-255 characters)\n");
        return EXIT_USAGE;
    }
    int replay = !!o->target + !!o->protected_path + !!o->cookie;
    if (replay && replay != 3) {
        fprintf(stderr, "sessionscan store: --target, --protected and --cookie go together\n");
        return EXIT_USAGE;
    }
    if (o->target && strncmp(o->target, "http://", 7) != 0 &&
        strncmp(o->target, "https://", 8) != 0)
        return bad("target", o->target);
    if (o->protected_path && o->protected_path[0] != '/')
        return bad("protected", o->protected_path);
    return 0;
}

static void print_report(const store_opts *o, const ss_report *r, const store_stats *st)
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

int cmd_store(int argc, char **argv)
{
    store_opts o;
    memset(&o, 0, sizeof o);
    ss_severity fail_on = SEV_HIGH;
    int rc = parse_args(argc, argv, &o, &fail_on);
    if (rc != 0) return rc < 0 ? EXIT_CLEAN : rc;
    ss_report r;
    report_init(&r, "store", o.table);
    store_stats st;
    char err[1024] = "";
    rc = store_audit_stats(&o, &r, &st, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "sessionscan store: %s\n", err);
    } else {
        print_report(&o, &r, &st);
        int max = report_max_severity(&r);
        rc = max >= 0 && max >= (int)fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    store_stats_free(&st);
    json_decref(r.extra_json);
    r.extra_json = NULL;
    report_free(&r);
    return rc;
}
