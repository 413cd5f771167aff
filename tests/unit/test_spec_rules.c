/* SS-SPEC-* review rules: each one present on a description that has the flaw and absent on the
 * same description fixed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "spec/spec.h"

#include <string.h>

typedef struct {
    ss_report r;
    int n;
} review;

static review run(const char *text)
{
    spec_error err;
    spec_doc *d = spec_load_buffer(text, strlen(text), "api.yaml", &err);
    if (!d) fail_msg("unexpected load error: %s", err.message);
    review v;
    report_init(&v.r, "spec", "api.yaml");
    v.n = spec_review(d, "api.yaml", &v.r);
    spec_free(d);
    return v;
}

static const ss_finding *find(const review *v, const char *rule, size_t nth)
{
    for (size_t i = 0; i < v->r.n_findings; i++)
        if (strcmp(v->r.findings[i].rule->id, rule) == 0 && nth-- == 0) return &v->r.findings[i];
    return NULL;
}

static size_t count(const review *v, const char *rule)
{
    size_t n = 0;
    while (find(v, rule, n))
        n++;
    return n;
}

static const char *check_reason(const review *v, const char *check, ss_check_status *st)
{
    for (size_t i = 0; i < v->r.n_checks; i++)
        if (strcmp(v->r.checks[i].check, check) == 0) {
            *st = v->r.checks[i].status;
            return v->r.checks[i].reason;
        }
    fail_msg("no check %s", check);
    return NULL;
}

static void lab_description_findings(void **state)
{
    (void)state;
    spec_error err;
    spec_doc *d = spec_load_file(SS_TEST_DATA "/specs/lab.yaml", &err);
    assert_non_null(d);
    review v;
    report_init(&v.r, "spec", "lab.yaml");
    v.n = spec_review(d, "lab.yaml", &v.r);
    spec_free(d);
    assert_int_equal(v.n, 2);
    const ss_finding *f = find(&v, "SS-SPEC-TOKEN-IN-BODY", 0);
    assert_non_null(f);
    assert_string_equal(f->location, "lab.yaml:105");
    assert_int_equal(f->line, 105);
    assert_int_equal(f->severity, SEV_MEDIUM);
    assert_int_equal(f->confidence, CONF_FIRM);
    assert_non_null(strstr(f->message, "POST /login returns 'sessionId'"));
    f = find(&v, "SS-SPEC-CLEARTEXT", 0);
    assert_non_null(f);
    assert_int_equal(f->severity, SEV_LOW); /* loopback */
    assert_string_equal(f->location, "lab.yaml:8");
    assert_false(report_has(&v.r, "SS-SPEC-NO-LOGOUT"));
    assert_false(report_has(&v.r, "SS-SPEC-TOKEN-IN-URL"));
    assert_false(report_has(&v.r, "SS-SPEC-UNPROTECTED-OP"));
    assert_false(report_has(&v.r, "SS-SPEC-STATIC-KEY"));
    assert_int_equal(v.r.n_checks, 6);
    report_free(&v.r);
}

#define HEAD "openapi: 3.0.0\n"

static void token_in_url(void **state)
{
    (void)state;
    review v = run(HEAD "paths:\n"
                        "  /items:\n"
                        "    get:\n"
                        "      parameters:\n"
                        "        - {name: sessionId, in: query, schema: {type: string}}\n"
                        "        - {name: page, in: query, schema: {type: integer}}\n"
                        "      responses: {}\n"
                        "  /items/{id}:\n"
                        "    parameters:\n"
                        "      - {name: access_token, in: query}\n"
                        "      - {name: id, in: path, required: true}\n"
                        "    get: {responses: {}}\n"
                        "    delete: {responses: {}}\n"
                        "  /codes/{key}:\n"
                        "    get: {parameters: [{name: key, in: path, required: true}],\n"
                        "          responses: {}}\n"
                        "components:\n"
                        "  securitySchemes:\n"
                        "    q: {type: apiKey, in: query, name: api_key}\n"
                        "    h: {type: apiKey, in: header, name: X-Session-Token}\n");
    assert_int_equal(count(&v, "SS-SPEC-TOKEN-IN-URL"), 3);
    const ss_finding *f = find(&v, "SS-SPEC-TOKEN-IN-URL", 0);
    assert_string_equal(f->location, "api.yaml:6");
    assert_non_null(strstr(f->message, "session ID 'sessionId' is sent in the query string"));
    f = find(&v, "SS-SPEC-TOKEN-IN-URL", 1);
    assert_non_null(strstr(f->message, "token 'access_token'"));
    assert_int_equal(f->line, 11);
    assert_int_equal(f->n_evidence, 3); /* declaration + GET and DELETE */
    f = find(&v, "SS-SPEC-TOKEN-IN-URL", 2);
    assert_non_null(strstr(f->message, "Security scheme 'q'"));
    assert_int_equal(f->line, 20);
    report_free(&v.r);

    v = run(HEAD "paths:\n  /items:\n    get:\n      parameters:\n"
                 "        - {name: sessionId, in: cookie}\n"
                 "        - {name: X-Api-Key, in: header}\n"
                 "        - {name: pageToken, in: query}\n      responses: {}\n"
                 "components: {securitySchemes: {h: {type: apiKey, in: header, name: api_key}}}\n");
    assert_int_equal(count(&v, "SS-SPEC-TOKEN-IN-URL"), 0);
    report_free(&v.r);
}

static const char *const LOGIN_BODY =
    HEAD "paths:\n"
         "  /login:\n"
         "    post:\n"
         "      responses:\n"
         "        '200':\n"
         "          content:\n"
         "            application/json:\n"
         "              schema:\n"
         "                allOf:\n"
         "                  - {$ref: '#/components/schemas/Base'}\n"
         "                  - properties:\n"
         "                      %s: {type: string}\n"
         "        '400':\n"
         "          content:\n"
         "            application/json:\n"
         "              schema: {properties: {sid: {type: string}}}\n"
         "components:\n"
         "  schemas:\n"
         "    Base: {properties: {ok: {type: boolean}, token: {type: boolean}}}\n"
         "%s";

static review run_fmt(const char *fmt, const char *a, const char *b)
{
    char doc[4096];
    snprintf(doc, sizeof doc, fmt, a, b);
    return run(doc);
}

static void token_in_body(void **state)
{
    (void)state;
    review v = run_fmt(LOGIN_BODY, "sessionId", "");
    assert_int_equal(count(&v, "SS-SPEC-TOKEN-IN-BODY"), 1);
    const ss_finding *f = find(&v, "SS-SPEC-TOKEN-IN-BODY", 0);
    assert_int_equal(f->line, 13);
    assert_int_equal(f->severity, SEV_MEDIUM);
    assert_non_null(strstr(f->message, "200 response of POST /login returns 'sessionId'"));
    report_free(&v.r);

    /* A bearer token from a token API: reported, but low and tentative. */
    v = run_fmt(LOGIN_BODY, "access_token", "");
    f = find(&v, "SS-SPEC-TOKEN-IN-BODY", 0);
    assert_non_null(f);
    assert_int_equal(f->severity, SEV_LOW);
    assert_int_equal(f->confidence, CONF_TENTATIVE);
    report_free(&v.r);

    /* The same token in a cookie-session API is firm and medium. */
    v = run_fmt(LOGIN_BODY, "token",
                "  securitySchemes: {c: {type: apiKey, in: cookie, name: token}}\n");
    f = find(&v, "SS-SPEC-TOKEN-IN-BODY", 0);
    assert_non_null(f);
    assert_int_equal(f->severity, SEV_MEDIUM);
    assert_non_null(strstr(f->message, "defeats HttpOnly"));
    report_free(&v.r);

    /* Absent: no such property, a boolean named token, errors (400) do not count. */
    v = run_fmt(LOGIN_BODY, "user", "");
    assert_int_equal(count(&v, "SS-SPEC-TOKEN-IN-BODY"), 0);
    report_free(&v.r);
}

static const char *const COOKIE_API =
    HEAD "paths:\n"
         "  /profile: {get: {security: [{s: []}], responses: {}}}\n"
         "  %s: {post: {responses: {}}}\n"
         "components:\n"
         "  securitySchemes:\n"
         "    s: {type: apiKey, in: cookie, name: sid}\n"
         "%s";

static void no_logout(void **state)
{
    (void)state;
    review v = run_fmt(COOKIE_API, "/login", "");
    const ss_finding *f = find(&v, "SS-SPEC-NO-LOGOUT", 0);
    assert_non_null(f);
    assert_int_equal(f->line, 7);
    assert_non_null(strstr(f->message, "cookie 'sid'"));
    report_free(&v.r);

    v = run_fmt(COOKIE_API, "/auth/sign-out", "");
    assert_false(report_has(&v.r, "SS-SPEC-NO-LOGOUT"));
    ss_check_status st;
    assert_non_null(strstr(check_reason(&v, "spec-no-logout", &st), "POST /auth/sign-out"));
    assert_int_equal(st, CHECK_PASS);
    report_free(&v.r);

    /* No cookie session: the rule does not apply. */
    v = run(HEAD "paths: {/a: {get: {responses: {}}}}\n");
    assert_false(report_has(&v.r, "SS-SPEC-NO-LOGOUT"));
    check_reason(&v, "spec-no-logout", &st);
    assert_int_equal(st, CHECK_SKIPPED);
    report_free(&v.r);
}

static void cleartext(void **state)
{
    (void)state;
    const char *doc =
        HEAD "servers:\n  - url: http://api.example.com/v1\n  - url: https://api.example.com/v1\n"
             "paths: {}\n"
             "components:\n  securitySchemes:\n"
             "    o:\n      type: oauth2\n      flows:\n        password:\n"
             "          tokenUrl: http://auth.example.com/token\n          scopes: {}\n";
    review v = run(doc);
    assert_int_equal(count(&v, "SS-SPEC-CLEARTEXT"), 2);
    const ss_finding *f = find(&v, "SS-SPEC-CLEARTEXT", 0);
    assert_int_equal(f->line, 3);
    assert_int_equal(f->severity, SEV_MEDIUM);
    f = find(&v, "SS-SPEC-CLEARTEXT", 1);
    assert_non_null(strstr(f->message, "tokenUrl"));
    assert_int_equal(f->line, 12);
    report_free(&v.r);

    /* Swagger 2.0 schemes. */
    v = run("swagger: '2.0'\nhost: a.example.com\nschemes: [https, http]\npaths: {}\n"
            "securityDefinitions: {k: {type: apiKey, in: header, name: X-Token}}\n");
    f = find(&v, "SS-SPEC-CLEARTEXT", 0);
    assert_non_null(f);
    assert_int_equal(f->line, 3);
    assert_int_equal(count(&v, "SS-SPEC-CLEARTEXT"), 1);
    report_free(&v.r);

    /* Path- and operation-level servers count too, each URL once. */
    v = run(HEAD "paths:\n"
                 "  /a:\n    servers: [{url: 'http://files.example.com'}]\n"
                 "    get: {servers: [{url: 'http://files.example.com'}], responses: {}}\n"
                 "    put: {servers: [{url: 'https://files.example.com'}], responses: {}}\n"
                 "components: {securitySchemes: {k: {type: http, scheme: bearer}}}\n");
    assert_int_equal(count(&v, "SS-SPEC-CLEARTEXT"), 1);
    assert_int_equal(find(&v, "SS-SPEC-CLEARTEXT", 0)->line, 4);
    report_free(&v.r);

    /* https only, or http without any authentication: nothing to report. */
    v = run(HEAD "servers: [{url: 'https://a.example.com'}]\npaths: {}\n"
                 "components: {securitySchemes: {k: {type: http, scheme: bearer}}}\n");
    assert_false(report_has(&v.r, "SS-SPEC-CLEARTEXT"));
    report_free(&v.r);
    v = run(HEAD "servers: [{url: 'http://a.example.com'}]\npaths: {}\n");
    assert_false(report_has(&v.r, "SS-SPEC-CLEARTEXT"));
    report_free(&v.r);
}

static const char *const PARTLY_PROTECTED =
    HEAD "paths:\n"
         "  /pets/{id}:\n"
         "    get: {security: [{k: []}], responses: {}}\n"
         "    delete: {responses: {}}\n"
         "  /admin/stats: {get: {security: [], responses: {}}}\n"
         "  /catalog: {get: {responses: {}}}\n"
         "  /login: {post: {responses: {}}}\n"
         "  /health: {get: {responses: {}}}\n"
         "%s"
         "components: {securitySchemes: {k: {type: http, scheme: bearer}}}\n";

static void unprotected_op(void **state)
{
    (void)state;
    review v = run_fmt(PARTLY_PROTECTED, "", "");
    assert_int_equal(count(&v, "SS-SPEC-UNPROTECTED-OP"), 2);
    const ss_finding *f = find(&v, "SS-SPEC-UNPROTECTED-OP", 0);
    assert_int_equal(f->line, 5);
    assert_non_null(strstr(f->message, "DELETE /pets/{id}"));
    assert_non_null(strstr(f->message, "heuristic: sibling"));
    assert_int_equal(f->confidence, CONF_FIRM);
    f = find(&v, "SS-SPEC-UNPROTECTED-OP", 1);
    assert_non_null(strstr(f->message, "GET /admin/stats"));
    assert_non_null(strstr(f->message, "explicitly marked public"));
    assert_non_null(strstr(f->message, "heuristic: sensitive"));
    report_free(&v.r);

    /* Nothing protected anywhere: not applicable. */
    v = run(HEAD "paths: {/admin: {delete: {responses: {}}}}\n");
    assert_false(report_has(&v.r, "SS-SPEC-UNPROTECTED-OP"));
    report_free(&v.r);
}

static const char *const STATIC_KEY =
    HEAD "paths:\n"
         "  %s: {get: {security: [{k: []}], responses: {}}}\n"
         "%s"
         "components: {securitySchemes: {k: {type: apiKey, in: header, name: X-API-Key}}}\n";

static void static_key(void **state)
{
    (void)state;
    review v = run_fmt(STATIC_KEY, "/me", "");
    const ss_finding *f = find(&v, "SS-SPEC-STATIC-KEY", 0);
    assert_non_null(f);
    assert_int_equal(f->confidence, CONF_TENTATIVE);
    assert_int_equal(f->line, 4);
    report_free(&v.r);

    v = run_fmt(STATIC_KEY, "/reports",
                "  /login:\n    post:\n      requestBody:\n        content:\n"
                "          application/json:\n"
                "            schema: {properties: {user: {}, password: {}}}\n"
                "      responses: {}\n");
    f = find(&v, "SS-SPEC-STATIC-KEY", 0);
    assert_non_null(f);
    assert_int_equal(f->confidence, CONF_FIRM);
    assert_non_null(strstr(f->evidence[0], "POST /login"));
    report_free(&v.r);

    /* A machine-to-machine key on non-user paths, and a session-token header: not reported. */
    v = run_fmt(STATIC_KEY, "/reports", "");
    assert_false(report_has(&v.r, "SS-SPEC-STATIC-KEY"));
    report_free(&v.r);
    v = run(HEAD "paths: {/me: {get: {security: [{k: []}], responses: {}}}}\n"
                 "components: {securitySchemes: {k: {type: apiKey, in: header, "
                 "name: X-Session-Token}}}\n");
    assert_false(report_has(&v.r, "SS-SPEC-STATIC-KEY"));
    report_free(&v.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lab_description_findings),
        cmocka_unit_test(token_in_url),
        cmocka_unit_test(token_in_body),
        cmocka_unit_test(no_logout),
        cmocka_unit_test(cleartext),
        cmocka_unit_test(unprotected_op),
        cmocka_unit_test(static_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
