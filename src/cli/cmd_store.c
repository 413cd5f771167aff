/* sessionscan store --table NAME: read-only audit of a DynamoDB session table (docs/store.md). */
#include "cli/commands.h"
#include "cli/common.h"
#include "store/store.h"
#include "store/store_scan.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    char *table, *endpoint_url, *region, *profile, *cacert;
    char *id_attr, *expiry_attr, *issued_attr, *user_attr;
    unsigned max_items, max_pages, segments, page_size;
    char *target, *protected_path, *cookie;
    double timeout;
    ss_output_cfg out;
} store_cfg;

#define F(field) offsetof(store_cfg, field)
static const ss_optdef store_opts_table[] = {
    {"table", 0, OPT_STRING, "NAME", "the session table (required)", F(table)},
    {"endpoint-url", 0, OPT_STRING, "URL", "DynamoDB endpoint (local servers such as dynalite)",
     F(endpoint_url)},
    {"region", 0, OPT_STRING, "REGION", "else AWS_REGION, AWS_DEFAULT_REGION, the profile's",
     F(region)},
    {"profile", 0, OPT_STRING, "NAME", "shared credentials/config profile (else AWS_PROFILE)",
     F(profile)},
    {"cacert", 0, OPT_STRING, "FILE", "CA bundle for the endpoint and the target", F(cacert)},
    {"id-attr", 0, OPT_STRING, "ATTR", "item layout: the session ID attribute", F(id_attr)},
    {"expiry-attr", 0, OPT_STRING, "ATTR", "item layout: the expiry attribute", F(expiry_attr)},
    {"issued-attr", 0, OPT_STRING, "ATTR", "item layout: the issue-time attribute", F(issued_attr)},
    {"user-attr", 0, OPT_STRING, "ATTR",
     "item layout: the user attribute (a dotted path inside connect-dynamodb's sess JSON)",
     F(user_attr)},
    {"max-items", 0, OPT_UINT, "N", "stop after N items (default: the whole table)", F(max_items)},
    {"max-pages", 0, OPT_UINT, "N", "stop after N Scan pages (default 10000)", F(max_pages)},
    {"segments", 0, OPT_UINT, "N", "parallel Scan segments, 1-64 (default 1)", F(segments)},
    {"page-size", 0, OPT_UINT, "N", "items per Scan page (default: 1 MB pages)", F(page_size)},
    {"target", 0, OPT_STRING, "URL", "with --protected and --cookie: replay one expired ID",
     F(target)},
    {"protected", 0, OPT_STRING, "PATH", "the page the expired ID is replayed against",
     F(protected_path)},
    {"cookie", 0, OPT_STRING, "NAME", "the session cookie the replay sets", F(cookie)},
    {"timeout", 0, OPT_DOUBLE, "SECONDS", "per HTTP request (default 10)", F(timeout)},
    OUTPUT_OPTIONS(store_cfg, out),
    {NULL, 0, OPT_FLAG, NULL, NULL, 0},
};
#undef F

static const char *usage_line =
    "sessionscan store --table NAME [--endpoint-url URL] [--region R] [options]\n"
    "Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the shared\n"
    "files (~/.aws/credentials, ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE)";

static int validate(const store_cfg *c, const ss_strlist *pos, char *err, size_t n)
{
    int replay = !!c->target + !!c->protected_path + !!c->cookie;
    if (pos->n)
        snprintf(err, n, "store takes no arguments ('%.100s'): name the table with --table",
                 pos->items[0]);
    else if (!c->table || !*c->table || strlen(c->table) > 255)
        snprintf(err, n, "--table NAME is required (1-255 characters)");
    else if (c->segments > STORE_MAX_SEGMENTS || c->page_size > 1000000 || c->timeout > 3600)
        snprintf(err, n,
                 "--segments takes 1-64, --page-size at most 1000000, --timeout at most "
                 "3600 seconds");
    else if (replay && replay != 3)
        snprintf(err, n, "--target, --protected and --cookie go together");
    else if (c->target && strncmp(c->target, "http://", 7) != 0 &&
             strncmp(c->target, "https://", 8) != 0)
        snprintf(err, n, "--target takes an http:// or https:// URL");
    else if (c->protected_path && c->protected_path[0] != '/')
        snprintf(err, n, "--protected takes a path starting with /");
    else
        return 0;
    return -1;
}

static void to_store_opts(const store_cfg *c, store_opts *o)
{
    memset(o, 0, sizeof *o);
    o->table = c->table;
    o->endpoint = c->endpoint_url;
    o->region = c->region;
    o->profile = c->profile;
    o->cacert = c->cacert;
    o->id_attr = c->id_attr;
    o->expiry_attr = c->expiry_attr;
    o->issued_attr = c->issued_attr;
    o->user_attr = c->user_attr;
    o->max_items = c->max_items;
    o->max_pages = c->max_pages;
    o->segments = (int)c->segments;
    o->page_size = (int)c->page_size;
    o->target = c->target;
    o->protected_path = c->protected_path;
    o->cookie = c->cookie;
    o->timeout_ms = (long)(c->timeout * 1000);
}

static int store_main(store_cfg *c, const ss_strlist *pos)
{
    char err[1024];
    ss_severity fail_on;
    if (validate(c, pos, err, sizeof err) != 0 ||
        output_validate(&c->out, &fail_on, err, sizeof err) != 0)
        return fail_usage("store", err);
    store_opts o;
    to_store_opts(c, &o);
    ss_report r;
    report_init(&r, "store", c->table);
    store_stats st;
    int rc = store_audit_stats(&o, &r, &st, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "sessionscan store: %s\n", err);
        report_set_error(&r, "%s", err);
    } else if (!c->out.quiet) {
        store_print_summary(&o, &r, &st);
    }
    bool quiet = c->out.quiet;
    c->out.quiet = true; /* the summary above is the terminal report; output_emit writes files */
    int written = output_emit(&c->out, &r);
    c->out.quiet = quiet;
    if (written != 0)
        rc = EXIT_USAGE;
    else if (rc == 0) /* a scan stopped by --max-items is partial on purpose: not exit 3 */
        rc = report_max_severity(&r) >= (int)fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
    store_stats_free(&st);
    report_free(&r);
    return rc;
}

static int store_body(void *cfg, const ss_strlist *pos)
{
    return store_main(cfg, pos);
}

int cmd_store(int argc, char **argv)
{
    store_cfg cfg;
    return command_run("store", store_opts_table, &cfg, sizeof cfg, &cfg.out, usage_line, argc,
                       argv, store_body);
}
