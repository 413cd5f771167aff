/* sessionscan scan URL: the victim/attacker probe of a live target (DESIGN §2). */
#include "checks/check.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/spec_source.h"
#include "flow/oracle.h"
#include "flow/steps.h"
#include "util/xalloc.h"

#include <stddef.h>
#include <string.h>
#include <time.h>

typedef struct {
    char *login, *login_method, *login_body, *login_form, *protected_path, *logout, *logout_method;
    char *cookie, *openapi;
    char *dynamodb_table, *endpoint_url, *region, *aws_profile;
    ss_strlist entry;
    char *user, *password_env, *password_file;
    bool password_stdin;
    char *logged_in, *logged_out;
    ss_strlist header, check;
    char *proxy, *cacert;
    bool insecure;
    double timeout, rate;
    unsigned max_requests, samples, concurrency;
    ss_output_cfg out;
} scan_cfg;

#define F(field) offsetof(scan_cfg, field)
static const ss_optdef scan_opts[] = {
    {"openapi", 0, OPT_STRING, "FILE|URL",
     "take login, protected, logout and cookie from this OpenAPI/Swagger description (options "
     "given explicitly win) and add its review to the report",
     F(openapi)},
    {"login", 0, OPT_STRING, "PATH", "login endpoint (default /login)", F(login)},
    {"login-method", 0, OPT_STRING, "METHOD", "login method (default POST)", F(login_method)},
    {"login-body", 0, OPT_STRING, "TEMPLATE",
     "login body with {user} and {pass}; JSON when it starts with { (default JSON)", F(login_body)},
    {"login-form", 0, OPT_STRING, "PATH",
     "page with an HTML login form: fill it, carry hidden fields and CSRF token, submit it",
     F(login_form)},
    {"protected", 0, OPT_STRING, "PATH", "a page that needs login (required)", F(protected_path)},
    {"logout", 0, OPT_STRING, "PATH", "logout endpoint", F(logout)},
    {"logout-method", 0, OPT_STRING, "METHOD", "logout method (default POST)", F(logout_method)},
    {"cookie", 0, OPT_STRING, "NAME", "the session cookie (found automatically otherwise)",
     F(cookie)},
    {"entry", 0, OPT_LIST, "PATH",
     "page that hands out pre-login sessions (repeatable; "
     "default / and the login path)",
     F(entry)},
    {"user", 'u', OPT_STRING, "NAME", "the victim account's user name (required)", F(user)},
    {"password-env", 0, OPT_STRING, "VAR", "read the password from environment variable VAR",
     F(password_env)},
    {"password-file", 0, OPT_STRING, "FILE", "read the password from the first line of FILE",
     F(password_file)},
    {"password-stdin", 0, OPT_FLAG, NULL, "read the password from standard input",
     F(password_stdin)},
    {"logged-in", 0, OPT_STRING, "REGEX", "a logged-in protected page matches REGEX", F(logged_in)},
    {"logged-out", 0, OPT_STRING, "REGEX", "a logged-out protected page matches REGEX",
     F(logged_out)},
    {"dynamodb-table", 0, OPT_STRING, "NAME",
     "read the DynamoDB session table to confirm at the store what happened to the pre-login "
     "session (read-only; AWS credentials as every AWS tool takes them)",
     F(dynamodb_table)},
    {"endpoint-url", 0, OPT_STRING, "URL", "DynamoDB endpoint (a local server such as dynalite)",
     F(endpoint_url)},
    {"region", 0, OPT_STRING, "REGION", "AWS region (default AWS_REGION / AWS_DEFAULT_REGION)",
     F(region)},
    {"aws-profile", 0, OPT_STRING, "NAME", "AWS profile (default AWS_PROFILE)", F(aws_profile)},
    {"check", 0, OPT_LIST, "NAME", "run only this check (repeatable; see 'sessionscan checks')",
     F(check)},
    {"header", 'H', OPT_LIST, "'NAME: VALUE'", "extra request header (repeatable)", F(header)},
    {"proxy", 0, OPT_STRING, "URL", "send requests through this proxy", F(proxy)},
    {"insecure", 'k', OPT_FLAG, NULL, "do not verify the target's TLS certificate", F(insecure)},
    {"cacert", 0, OPT_STRING, "FILE", "trust the CA certificates in FILE", F(cacert)},
    {"timeout", 0, OPT_DOUBLE, "SECONDS", "per-request time limit (default 10)", F(timeout)},
    {"rate", 0, OPT_DOUBLE, "N", "at most N requests per second (default unlimited)", F(rate)},
    {"max-requests", 0, OPT_UINT, "N", "stop after N requests (default 200 + --samples)",
     F(max_requests)},
    {"samples", 0, OPT_UINT, "N",
     "collect N fresh session IDs and analyse their randomness (the tokens command's analysis)",
     F(samples)},
    {"concurrency", 0, OPT_UINT, "N", "requests in flight at once while sampling (default 8)",
     F(concurrency)},
    OUTPUT_OPTIONS(scan_cfg, out),
    {NULL, 0, OPT_FLAG, NULL, NULL, 0},
};
#undef F

static const char *usage_line =
    "sessionscan scan URL --protected PATH --user NAME --password-env VAR [options]";

static int validate(const scan_cfg *c, const ss_strlist *pos, char *err, size_t n)
{
    if (pos->n != 1)
        snprintf(err, n, "scan takes exactly one target URL (%zu given): %s", pos->n, usage_line);
    else if (!c->protected_path)
        snprintf(err, n, "--protected PATH is required: a page that needs login");
    else if (!c->user)
        snprintf(err, n, "--user NAME is required: the victim account to log in with");
    else if (c->protected_path[0] != '/' || (c->login && c->login[0] != '/') ||
             (c->logout && c->logout[0] != '/'))
        snprintf(err, n, "--protected, --login and --logout take paths starting with /");
    else if (c->login && c->protected_path && strcmp(c->login, c->protected_path) == 0)
        snprintf(err, n,
                 "--login and --protected name the same path: the protected page must "
                 "be another one");
    else if (c->logged_in && c->logged_out && strcmp(c->logged_in, c->logged_out) == 0)
        snprintf(err, n, "--logged-in and --logged-out are the same pattern: they must differ");
    else if (c->timeout < 0 || (c->timeout > 0 && c->timeout < 0.1))
        snprintf(err, n, "--timeout must be at least 0.1 seconds");
    else
        return 0;
    return -1;
}

static void apply_defaults(scan_cfg *c)
{
    if (!c->login) c->login = xstrdup("/login");
    if (!c->login_method) c->login_method = xstrdup("POST");
    if (!c->logout_method) c->logout_method = xstrdup("POST");
    if (!c->login_body)
        c->login_body = xstrdup("{\"username\":\"{user}\",\"password\":\"{pass}\"}");
    if (c->entry.n == 0) {
        strlist_push(&c->entry, "/");
        strlist_push(&c->entry, c->login);
    }
    if (c->timeout == 0) c->timeout = 10;
    if (c->max_requests == 0) c->max_requests = 200 + c->samples;
    if (c->concurrency == 0) c->concurrency = 8;
}

static void run_checks(ss_scan *s, const ss_strlist *only)
{
    for (size_t i = 0; i < check_count() && !ss_interrupted; i++) {
        const ss_check *chk = check_at(i);
        bool wanted = only->n == 0;
        for (size_t k = 0; k < only->n; k++)
            wanted |= strcmp(only->items[k], chk->name) == 0;
        if (!wanted) continue;
        unsigned before = client_requests(s->client);
        size_t first = s->report->n_findings;
        ss_buf why;
        buf_init(&why, 0);
        ss_check_status st = chk->run(s, &why);
        for (size_t f = first; f < s->report->n_findings; f++)
            s->report->findings[f].check = chk->name;
        ss_check_result *r = report_check(s->report, chk->name, st, "%s", why.data ? why.data : "");
        r->requests = client_requests(s->client) - before;
        buf_free(&why);
    }
}

/* A check that could not decide leaves the scan incomplete: no grade, exit 3, never "clean". */
static void mark_inconclusive(ss_report *rep)
{
    for (size_t i = 0; i < rep->n_checks && !rep->incomplete; i++)
        if (rep->checks[i].status == CHECK_INCONCLUSIVE)
            report_set_error(rep, "check '%s' was inconclusive: %s", rep->checks[i].check,
                             rep->checks[i].reason);
}

static int scan_target(scan_cfg *c, const ss_url *url, char *password, ss_report *rep)
{
    ss_target_cfg t = {.login_path = c->login,
                       .login_method = c->login_method,
                       .login_body = c->login_body,
                       .protected_path = c->protected_path,
                       .logout_path = c->logout,
                       .logout_method = c->logout_method,
                       .cookie_name = c->cookie,
                       .entries = c->entry.items,
                       .user = c->user,
                       .password = password,
                       .logged_in_re = c->logged_in,
                       .logged_out_re = c->logged_out,
                       .login_form = c->login_form,
                       .dynamodb_table = c->dynamodb_table,
                       .endpoint_url = c->endpoint_url,
                       .region = c->region,
                       .aws_profile = c->aws_profile,
                       .samples = c->samples,
                       .concurrency = c->concurrency};
    ss_http_opts ho;
    http_opts_default(&ho);
    ho.timeout_ms = (long)(c->timeout * 1000);
    ho.insecure = c->insecure;
    ho.cacert = c->cacert;
    ho.proxy = c->proxy;
    ho.headers = (const char *const *)c->header.items;
    ho.rate = c->rate;
    ho.max_requests = c->max_requests;
    ss_scan s;
    memset(&s, 0, sizeof s);
    s.cfg = &t;
    s.report = rep;
    char err[512];
    if (oracle_init(&s.oracle, c->logged_in, c->logged_out, err, sizeof err) != 0) {
        oracle_free(&s.oracle);
        return fail_usage("scan", err);
    }
    s.client = client_new(url, &ho);
    s.loopback = url_is_loopback(url);
    observer_init(&s.seen, strcmp(url->scheme, "https") == 0);
    client_observe(s.client, observer_on_response, &s.seen);
    if (c->out.verbose) client_trace(s.client, stderr);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (step_controls(&s) == 0) run_checks(&s, &c->check);
    mark_inconclusive(rep);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    rep->requests = client_requests(s.client);
    rep->target_seconds = client_target_seconds(s.client);
    rep->wall_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    client_free(s.client);
    scan_free(&s);
    return 0;
}

static void take(char **field, const char *value)
{
    if (!*field && value) *field = xstrdup(value);
}

/* --openapi: the plan fills what the command line left open. */
static int apply_openapi(scan_cfg *c, spec_doc **doc, char *err, size_t n)
{
    spec_error se;
    *doc = spec_source_load(c->openapi, c->insecure, c->cacert, &se);
    if (!*doc) {
        snprintf(err, n, "--openapi: %.400s", se.message);
        return -1;
    }
    spec_plan p;
    spec_derive_plan(*doc, &p);
    take(&c->login, p.login_path);
    take(&c->login_method, p.login_method);
    take(&c->login_body, p.login_body);
    take(&c->protected_path, p.protected_path);
    take(&c->logout, p.logout_path);
    take(&c->logout_method, p.logout_method);
    take(&c->cookie, p.cookie_name);
    spec_plan_free(&p);
    if (!c->protected_path)
        snprintf(err, n,
                 "--openapi: the description names no protected GET operation "
                 "without required parameters: pass --protected PATH");
    return c->protected_path ? 0 : -1;
}

static int scan_validated(scan_cfg *c, const ss_strlist *pos, const spec_doc *doc);

static int scan_main(scan_cfg *c, const ss_strlist *pos)
{
    char err[512];
    spec_doc *doc = NULL;
    if (c->openapi && apply_openapi(c, &doc, err, sizeof err) != 0) {
        spec_free(doc);
        return fail_usage("scan", err);
    }
    int rc = scan_validated(c, pos, doc);
    spec_free(doc);
    return rc;
}

static int scan_validated(scan_cfg *c, const ss_strlist *pos, const spec_doc *doc)
{
    char err[512];
    ss_severity fail_on;
    if (validate(c, pos, err, sizeof err) != 0 ||
        output_validate(&c->out, &fail_on, err, sizeof err) != 0)
        return fail_usage("scan", err);
    for (size_t i = 0; i < c->check.n; i++)
        if (!check_find(c->check.items[i])) {
            snprintf(err, sizeof err, "unknown check '%s' (see 'sessionscan checks')",
                     c->check.items[i]);
            return fail_usage("scan", err);
        }
    ss_url url;
    if (url_parse(pos->items[0], &url, err, sizeof err) != 0) return fail_usage("scan", err);
    char *password =
        password_read(c->password_env, c->password_file, c->password_stdin, err, sizeof err);
    if (!password) {
        url_free(&url);
        return fail_usage("scan", err);
    }
    apply_defaults(c);
    ss_report rep;
    report_init(&rep, "scan", url.origin);
    int rc = scan_target(c, &url, password, &rep);
    if (doc) {
        char *name = spec_source_name(c->openapi);
        spec_review(doc, name, &rep);
        free(name);
    }
    if (rc == 0) {
        if (rep.incomplete) fprintf(stderr, "sessionscan scan: %s\n", rep.error);
        rc = output_emit(&c->out, &rep) != 0 ? EXIT_USAGE : output_exit_code(&rep, fail_on);
    }
    report_free(&rep);
    free(password);
    url_free(&url);
    return rc;
}

static int scan_body(void *cfg, const ss_strlist *pos)
{
    return scan_main(cfg, pos);
}

int cmd_scan(int argc, char **argv)
{
    scan_cfg cfg;
    return command_run("scan", scan_opts, &cfg, sizeof cfg, &cfg.out, usage_line, argc, argv,
                       scan_body);
}
