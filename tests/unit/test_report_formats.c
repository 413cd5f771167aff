/* The report formats: golden JSON and SARIF files (normalised: see golden()), GitHub's needs the
 * SARIF validator does not check, HTML escaping and charts, JUnit outcomes, suppressions and the
 * baseline. SS_UPDATE_GOLDEN=1 rewrites tests/data/golden/ from the current output (review the
 * diff). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report/artifact.h"
#include "report/gate.h"
#include "report/writer.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#define GOLDEN SS_TEST_DATA "/golden/"

/* A fixed report: every volatile field (version, timings) has a set value. */
static void build(ss_report *r)
{
    report_init(r, "scan", "http://127.0.0.1:3000");
    free(r->tool_version);
    r->tool_version = xstrdup("0.0.0-test");
    r->session_cookie = xstrdup("sessionId");
    r->oracle = xstrdup("status 200 when logged in, 401 when not");
    r->requests = 18;
    r->wall_seconds = 0.5;
    r->target_seconds = 0.25;
    ss_finding *f = report_add(r, "SS-FIX-CONFIRMED", CONF_CONFIRMED, "/login",
                               "The pre-login session sessionId=f07b\u2026ccd7 was still valid.");
    f->check = "fixation";
    finding_evidence(f, "attacker: GET / -> 200 [Set-Cookie: sessionId=f07b\u2026ccd7; Path=/] "
                        "(attacker obtains a pre-login session)");
    finding_evidence(f, "victim: POST /login [Cookie: sessionId=f07b\u2026ccd7] -> 200 (victim "
                        "logs in)");
    finding_evidence(f, "attacker: GET /profile [Cookie: sessionId=f07b\u2026ccd7] -> 200 "
                        "(attacker replays the pre-login session)");
    finding_set_reproduce(f, "curl -s \"$T/profile\"\n");
    f = report_add(r, "SS-FIX-URL", CONF_CONFIRMED, "/?sessionId=e11e\u20269551",
                   "A link carrying the ID logged in.");
    f->check = "url-fixation";
    f = report_add(r, "SS-NO-ROTATE", CONF_FIRM, "api/openapi.yaml:12", "Login keeps the ID.");
    f->line = 12;
    report_check(r, "fixation", CHECK_FAIL, "pre-login ID logged in after the victim's login");
    report_check(r, "adoption", CHECK_PASS, "invented IDs refused");
    report_check(r, "url-fixation", CHECK_FAIL, "ID from the URL logged in");
    report_check(r, "logout", CHECK_SKIPPED, "no --logout given");
}

static char *render(const char *format, const ss_report *r)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    ss_write_opts o = {false, true};
    assert_int_equal(writer_find(format)->write(f, r, &o), 0);
    fclose(f);
    return data;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return xstrdup("");
    char *data = xcalloc(1, 1 << 20);
    size_t n = fread(data, 1, (1 << 20) - 1, f);
    data[n] = '\0';
    fclose(f);
    return data;
}

/* Rule prose comes from docs/rules and the catalogue grows: the golden files keep the shape and
 * every value sessionscan computes, with rule documents replaced by a placeholder and SARIF's
 * rules cut to those the results use (ruleIndex checked, then renumbered). */
static void normalise_sarif(json_t *doc)
{
    json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    json_t *all = json_object_get(driver, "rules"), *used = json_array();
    json_t *results = json_object_get(run, "results");
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *res = json_array_get(results, i);
        size_t idx = (size_t)json_integer_value(json_object_get(res, "ruleIndex"));
        json_t *rule = json_array_get(all, idx);
        assert_string_equal(json_string_value(json_object_get(rule, "id")),
                            json_string_value(json_object_get(res, "ruleId")));
        size_t k = 0;
        while (k < json_array_size(used) && json_array_get(used, k) != rule)
            k++;
        if (k == json_array_size(used)) json_array_append(used, rule);
        json_object_set_new(res, "ruleIndex", json_integer((json_int_t)k));
    }
    for (size_t k = 0; k < json_array_size(used); k++) {
        json_t *rule = json_array_get(used, k);
        json_object_set_new(rule, "fullDescription", json_pack("{s:s}", "text", "(rule doc)"));
        json_object_set_new(
            rule, "help", json_pack("{s:s, s:s}", "text", "(rule doc)", "markdown", "(rule doc)"));
    }
    assert_true(json_array_size(all) == rule_count());
    json_object_set_new(driver, "rules", used);
}

static void normalise_json(json_t *doc)
{
    json_t *fs = json_object_get(doc, "findings");
    for (size_t i = 0; i < json_array_size(fs); i++) {
        json_t *rem = json_object_get(json_array_get(fs, i), "remediation");
        const char *keys[] = {"generic", "express", "dynamodb"};
        for (int k = 0; k < 3; k++)
            if (*json_string_value(json_object_get(rem, keys[k])))
                json_object_set_new(rem, keys[k], json_string("(rule doc)"));
    }
}

static char *normalised(const char *format, const ss_report *r)
{
    char *raw = render(format, r);
    json_error_t je;
    json_t *doc = json_loads(raw, 0, &je);
    assert_non_null(doc);
    if (strcmp(format, "sarif") == 0)
        normalise_sarif(doc);
    else
        normalise_json(doc);
    char *out = json_dumps(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(doc);
    free(raw);
    return out;
}

static void golden(const char *format, const ss_report *r, const char *file)
{
    char *got = normalised(format, r);
    char path[512];
    snprintf(path, sizeof path, GOLDEN "%s", file);
    if (getenv("SS_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fprintf(f, "%s\n", got);
        fclose(f);
    }
    char *want = slurp(path);
    want[strcspn(want, "\0")] = '\0';
    size_t n = strlen(want);
    if (n && want[n - 1] == '\n') want[n - 1] = '\0';
    if (strcmp(got, want) != 0)
        fprintf(stderr, "%s differs from the output (SS_UPDATE_GOLDEN=1 to accept):\n%s\n", path,
                got);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static ss_baseline baseline_with_fix_confirmed(const ss_report *r)
{
    ss_baseline b;
    memset(&b, 0, sizeof b);
    const char *rules[] = {"SS-FIX-CONFIRMED", "SS-FIX-ADOPT"};
    for (int i = 0; i < 2; i++) {
        ss_baseline_entry *e = XARRAY_PUSH(b.items, b.n, b.cap);
        e->rule = xstrdup(rules[i]);
        e->location = xstrdup("/login");
        e->message = xstrdup("earlier run");
        fingerprint_of(e->rule, r->target, e->location, 0, e->fingerprint);
    }
    return b;
}

static ss_suppressions one_suppression(const char *rule, const char *url)
{
    ss_suppressions s;
    memset(&s, 0, sizeof s);
    ss_suppression *e = XARRAY_PUSH(s.items, s.n, s.cap);
    e->rule = xstrdup(rule);
    e->url = xstrdup(url);
    e->reason = xstrdup("accepted until the API gateway strips query IDs");
    return s;
}

static void golden_json_and_sarif(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    golden("json", &r, "report.json");
    ss_suppressions s = one_suppression("SS-FIX-URL", "/*");
    suppressions_apply(&s, &r);
    ss_baseline b = baseline_with_fix_confirmed(&r);
    baseline_apply(&b, &r);
    golden("sarif", &r, "report.sarif");
    suppressions_free(&s);
    baseline_free(&b);
    report_free(&r);

    report_init(&r, "scan", "https://127.0.0.1:3443");
    free(r.tool_version);
    r.tool_version = xstrdup("0.0.0-test");
    golden("sarif", &r, "empty.sarif");
    report_set_error(&r, "login not verified: POST /login answered 401");
    golden("sarif", &r, "failed.sarif");
    report_free(&r);
}

/* What GitHub's upload needs beyond the schema: relative paths, a start line, fingerprints that
 * do not change between runs, at most 10 locations per result. */
static void sarif_fits_github(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    char *a = render("sarif", &r), *b2 = render("sarif", &r);
    json_error_t je;
    json_t *doc = json_loads(a, 0, &je);
    assert_non_null(doc);
    json_t *results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
    assert_int_equal(json_array_size(results), 3);
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *res = json_array_get(results, i);
        json_t *locs = json_object_get(res, "locations");
        assert_true(json_array_size(locs) >= 1 && json_array_size(locs) <= 10);
        json_t *phys = json_object_get(json_array_get(locs, 0), "physicalLocation");
        const char *uri =
            json_string_value(json_object_get(json_object_get(phys, "artifactLocation"), "uri"));
        assert_non_null(uri);
        assert_null(strstr(uri, "://"));
        assert_null(strchr(uri, ':'));
        assert_true(uri[0] != '/');
        assert_null(strstr(uri, "sessionId=")); /* query dropped: no session ID in paths */
        assert_true(
            json_integer_value(json_object_get(json_object_get(phys, "region"), "startLine")) >= 1);
        assert_non_null(
            json_object_get(json_object_get(res, "partialFingerprints"), "sessionscan/v1"));
    }
    const char *spec_uri = json_string_value(json_object_get(
        json_object_get(
            json_object_get(
                json_array_get(json_object_get(json_array_get(results, 2), "locations"), 0),
                "physicalLocation"),
            "artifactLocation"),
        "uri"));
    assert_string_equal(spec_uri, "api/openapi.yaml");
    assert_string_equal(a, b2);
    json_decref(doc);
    free(a);
    free(b2);
    report_free(&r);
}

static void fingerprints_ignore_volatile_parts(void **state)
{
    (void)state;
    char x[65], y[65], z[65];
    fingerprint_of("SS-FIX-URL", "http://h:1", "/?sessionId=aaaa", 0, x);
    fingerprint_of("SS-FIX-URL", "http://h:1", "/?sessionId=bbbb", 0, y);
    assert_string_equal(x, y);
    fingerprint_of("SS-FIX-URL", "http://h:2", "/?sessionId=aaaa", 0, z);
    assert_string_not_equal(x, z);
    fingerprint_of("SS-FIX-ADOPT", "http://h:1", "/", 0, z);
    assert_string_not_equal(x, z);
    assert_int_equal(strlen(x), SS_FINGERPRINT_LEN);
    assert_int_equal(strlen(x), 24);
}

static void artifact_paths_stay_in_the_repository(void **state)
{
    (void)state;
    ss_finding f;
    memset(&f, 0, sizeof f);
    f.location = "/../../etc/passwd;jsessionid=1";
    char *u = finding_artifact_uri("https://example.com", &f);
    assert_string_equal(u, "sessionscan/example.com/_/_/etc/passwd");
    free(u);
    f.location = "/a b/<x>";
    u = finding_artifact_uri("http://[::1]:8080", &f);
    assert_string_equal(u, "sessionscan/___1__8080/a_b/_x_");
    free(u);
    f.location = "";
    u = finding_artifact_uri("samples/tokens.txt", &f);
    assert_string_equal(u, "samples/tokens.txt");
    free(u);
    f.location = "/etc/api.yaml:7";
    f.line = 7;
    u = finding_artifact_uri("x", &f);
    assert_string_equal(u, "api.yaml");
    free(u);
}

static void html_escapes_and_draws(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    ss_finding *f = report_add(&r, "SS-FIX-ADOPT", CONF_FIRM, "/<script>alert(1)</script>",
                               "<img src=x onerror=alert(1)> & \x01\xff");
    finding_evidence(f, "victim: GET /<b>x</b> [Cookie: a=\"b\"] -> 200 (note <i>)");
    char *html = render("html", &r);
    assert_null(strstr(html, "<script>"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>x"));
    assert_non_null(strstr(html, "&lt;script&gt;"));
    assert_null(strstr(html, "\xff"));
    assert_non_null(strstr(html, "id=\"grade\""));
    assert_non_null(strstr(html, "id=\"summary\""));
    assert_non_null(strstr(html, "id=\"findings\""));
    assert_non_null(strstr(html, "<svg"));
    assert_non_null(strstr(html, "req.session.regenerate()"));
    assert_null(strstr(html, "id=\"tokens\"")); /* no token analysis: no section */
    /* invalid UTF-8 from a target never makes a JSON or SARIF finding disappear */
    char *json = render("json", &r), *sarif = render("sarif", &r);
    json_t *jd = json_loads(json, 0, NULL), *sd = json_loads(sarif, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(jd, "findings")), 4);
    assert_int_equal(
        json_array_size(json_object_get(json_array_get(json_object_get(sd, "runs"), 0), "results")),
        4);
    /* control characters and invalid bytes are replaced (U+FFFD) when the report takes the text */
    assert_non_null(strstr(json, "& \\uFFFD\\uFFFD"));
    json_decref(jd);
    json_decref(sd);
    free(json);
    free(sarif);
    free(html);
    json_t *extra = json_pack("{s:[{s:f},{s:f},{s:s}]}", "positions", "entropy_bits", 3.9,
                              "entropy_bits", 0.5, "entropy_bits", "junk");
    r.extra_json = extra;
    html = render("html", &r);
    assert_non_null(strstr(html, "id=\"tokens\""));
    assert_non_null(strstr(html, "position 1: 3.90 bits"));
    assert_non_null(strstr(html, "position 3: 0.00 bits"));
    free(html);
    r.extra_json = NULL;
    json_decref(extra);
    report_free(&r);
}

static void junit_outcomes(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    report_check(&r, "cookies", CHECK_INCONCLUSIVE, "oracle <unclear>");
    char *x = render("junit", &r);
    assert_non_null(strstr(x, "tests=\"6\" failures=\"3\" errors=\"1\" skipped=\"1\""));
    assert_non_null(strstr(x, "name=\"adoption\" time=\"0\">\n    </testcase>"));
    assert_non_null(strstr(x, "<skipped message=\"no --logout given\"/>"));
    assert_non_null(strstr(x, "<error message=\"oracle &lt;unclear&gt;\" type=\"inconclusive\""));
    assert_non_null(strstr(x, "name=\"SS-NO-ROTATE\"")); /* a finding of no check */
    free(x);
    report_free(&r);
}

static void markdown_and_jsonl(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    char *md = render("md", &r);
    assert_non_null(strstr(md, "## sessionscan: grade F"));
    assert_non_null(strstr(md, "| critical | `SS-FIX-URL` |"));
    free(md);
    char *jl = render("jsonl", &r);
    size_t lines = 0;
    for (char *p = jl; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 3);
    assert_non_null(strstr(jl, "\"grade\":\"F\""));
    free(jl);
    report_set_error(&r, "stopped | <early>");
    md = render("md", &r);
    assert_non_null(strstr(md, "no grade"));
    assert_non_null(strstr(md, "stopped \\| &lt;early&gt;"));
    free(md);
    report_free(&r);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

static void suppressions_file(void **state)
{
    (void)state;
    char path[] = "/tmp/ss-supp-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[512];
    ss_suppressions s;
    FILE *warn = tmpfile();
    assert_int_equal(write_file(path, "- rule: SS-FIX-URL\n  url: /*\n"), 0);
    assert_int_equal(suppressions_load(path, "2026-01-01", &s, warn, err, sizeof err), -1);
    assert_non_null(strstr(err, "reason"));
    assert_int_equal(write_file(path, "- rule: SS-FIX-URL\n  reason: x\n  colour: red\n"), 0);
    assert_int_equal(suppressions_load(path, "2026-01-01", &s, warn, err, sizeof err), -1);
    assert_non_null(strstr(err, "colour"));
    assert_int_equal(write_file(path, "- rule: SS-NOPE-*\n  reason: x\n"), 0);
    assert_int_equal(suppressions_load(path, "2026-01-01", &s, warn, err, sizeof err), -1);
    assert_int_equal(write_file(path, "- rule: ss-fix-*\n  url: /login\n  reason: known\n"
                                      "  expires: 2025-12-31\n"
                                      "- rule: SS-FIX-URL\n  reason: gateway strips it\n"
                                      "  expires: 2026-01-01\n"),
                     0);
    assert_int_equal(suppressions_load(path, "2026-01-01", &s, warn, err, sizeof err), 0);
    assert_int_equal(s.n, 2);
    assert_true(s.items[0].expired);
    assert_false(s.items[1].expired); /* valid through its date */
    ss_report r;
    build(&r);
    suppressions_apply(&s, &r);
    assert_false(r.findings[0].suppressed); /* its suppression expired */
    assert_true(r.findings[1].suppressed);
    assert_string_equal(r.findings[1].suppress_reason, "gateway strips it");
    assert_int_equal(r.n_findings, 3); /* reported, never dropped */
    rewind(warn);
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, warn));
    assert_non_null(strstr(line, "expired on 2025-12-31"));
    fclose(warn);
    suppressions_free(&s);
    report_free(&r);
    unlink(path);
}

static void baseline_gates_only_new_findings(void **state)
{
    (void)state;
    ss_report r;
    build(&r);
    assert_int_equal(report_gate_severity(&r), SEV_CRITICAL);
    ss_baseline b = baseline_with_fix_confirmed(&r);
    baseline_apply(&b, &r);
    assert_int_equal(r.findings[0].baseline, BASELINE_UNCHANGED);
    assert_int_equal(r.findings[1].baseline, BASELINE_NEW);
    assert_int_equal(r.n_findings, 4);
    assert_int_equal(r.findings[3].baseline, BASELINE_ABSENT); /* SS-FIX-ADOPT: fixed since */
    assert_int_equal(report_gate_severity(&r), SEV_CRITICAL);  /* SS-FIX-URL is new */
    r.findings[1].suppressed = true;
    assert_int_equal(report_gate_severity(&r), SEV_LOW); /* SS-NO-ROTATE is new */
    assert_int_equal(report_max_severity(&r), SEV_HIGH); /* still there: grade D */
    assert_int_equal(report_grade(&r), 'D');
    baseline_free(&b);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_json_and_sarif),
        cmocka_unit_test(sarif_fits_github),
        cmocka_unit_test(fingerprints_ignore_volatile_parts),
        cmocka_unit_test(artifact_paths_stay_in_the_repository),
        cmocka_unit_test(html_escapes_and_draws),
        cmocka_unit_test(junit_outcomes),
        cmocka_unit_test(markdown_and_jsonl),
        cmocka_unit_test(suppressions_file),
        cmocka_unit_test(baseline_gates_only_new_findings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
