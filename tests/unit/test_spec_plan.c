/* Scan plan derivation: the lab's plan exactly, form and Swagger 2.0 logins, query-string logins,
 * and a partial plan that says why. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "spec/spec.h"

#include <stdlib.h>
#include <string.h>

static int plan_of(const char *text, spec_plan *p)
{
    spec_error err;
    spec_doc *d = spec_load_buffer(text, strlen(text), "api.yaml", &err);
    if (!d) fail_msg("unexpected load error: %s", err.message);
    int rc = spec_derive_plan(d, p);
    spec_free(d);
    return rc;
}

static void lab_plan(void **state)
{
    (void)state;
    spec_error err;
    spec_doc *d = spec_load_file(SS_TEST_DATA "/specs/lab.yaml", &err);
    assert_non_null(d);
    spec_plan p;
    assert_int_equal(spec_derive_plan(d, &p), 0);
    spec_free(d);
    assert_string_equal(p.login_method, "POST");
    assert_string_equal(p.login_path, "/login");
    assert_string_equal(p.login_content_type, "json");
    assert_string_equal(p.login_body, "{\"username\":\"{user}\",\"password\":\"{pass}\"}");
    assert_string_equal(p.protected_path, "/profile");
    assert_string_equal(p.logout_method, "POST");
    assert_string_equal(p.logout_path, "/logout");
    assert_string_equal(p.cookie_name, "sessionId");
    assert_string_equal(p.base_path, "");
    assert_string_equal(p.server_url, "http://127.0.0.1");
    assert_int_equal(p.login_line, 32);
    /* Every guess says why. */
    assert_non_null(strstr(p.reason_login, "password field 'password'"));
    assert_non_null(strstr(p.reason_login_body, "{user} in 'username'"));
    assert_non_null(strstr(p.reason_protected, "session cookie scheme 'sessionCookie'"));
    assert_non_null(strstr(p.reason_logout, "operationId names a logout"));
    assert_non_null(strstr(p.reason_cookie, "apiKey in cookie 'sessionId'"));

    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    spec_plan_print(&p, out);
    fclose(out);
    assert_non_null(strstr(text, "login:     POST /login (json)"));
    assert_non_null(strstr(text, "protected: GET /profile"));
    assert_non_null(strstr(text, "--login '/login' --login-body "
                                 "'{\"username\":\"{user}\",\"password\":\"{pass}\"}' "
                                 "--protected '/profile' --logout '/logout' --logout-method POST "
                                 "--cookie 'sessionId'"));
    free(text);
    spec_plan_free(&p);
}

static void form_login_with_base_path(void **state)
{
    (void)state;
    spec_plan p;
    int rc = plan_of("openapi: 3.0.0\n"
                     "servers: [{url: 'https://app.example.com/api/'}]\n"
                     "paths:\n"
                     "  /users:\n" /* registration: has a password too, but many fields */
                     "    post:\n"
                     "      requestBody: {content: {application/json: {schema: "
                     "{properties: {email: {}, password: {}, name: {}, phone: {}, city: {}}}}}}\n"
                     "      responses: {}\n"
                     "  /session/new:\n"
                     "    post:\n"
                     "      requestBody:\n"
                     "        content:\n"
                     "          application/x-www-form-urlencoded:\n"
                     "            schema:\n"
                     "              required: [email, pwd, remember]\n"
                     "              properties:\n"
                     "                email: {type: string}\n"
                     "                pwd: {type: string}\n"
                     "                remember: {type: boolean, default: true}\n"
                     "                locale: {type: string}\n"
                     "      responses: {}\n"
                     "  /account: {get: {security: [{c: []}], responses: {}}}\n"
                     "  /session: {delete: {security: [{c: []}], responses: {}}}\n"
                     "components: {securitySchemes: {c: {type: apiKey, in: cookie, name: SID}}}\n",
                     &p);
    assert_int_equal(rc, 0);
    assert_string_equal(p.login_path, "/api/session/new");
    assert_string_equal(p.login_content_type, "form");
    assert_string_equal(p.login_body, "email={user}&pwd={pass}&remember=true");
    assert_string_equal(p.protected_path, "/api/account");
    assert_string_equal(p.logout_path, "/api/session");
    assert_string_equal(p.logout_method, "DELETE");
    assert_string_equal(p.cookie_name, "SID");
    assert_string_equal(p.base_path, "/api");
    assert_string_equal(p.server_url, "https://app.example.com/api/");
    spec_plan_free(&p);
}

static void swagger2_form_and_query_logins(void **state)
{
    (void)state;
    spec_plan p;
    plan_of("swagger: '2.0'\nbasePath: /v2\npaths:\n"
            "  /signin:\n    post:\n      consumes: [application/x-www-form-urlencoded]\n"
            "      parameters:\n"
            "        - {name: user_name, in: formData, type: string}\n"
            "        - {name: X-Trace, in: header, type: string}\n"
            "        - {name: password, in: formData, type: string}\n"
            "      responses: {}\n",
            &p);
    assert_string_equal(p.login_path, "/v2/signin");
    assert_string_equal(p.login_body, "user_name={user}&password={pass}");
    assert_string_equal(p.login_content_type, "form");
    assert_null(p.protected_path);
    assert_non_null(strstr(p.reason_protected, "no GET operation requires authentication"));
    spec_plan_free(&p);

    /* The petstore's GET /user/login?username=&password=. */
    plan_of("openapi: 3.0.0\npaths:\n  /user/login:\n    get:\n      operationId: loginUser\n"
            "      parameters:\n        - {name: username, in: query}\n"
            "        - {name: password, in: query}\n      responses: {}\n"
            "  /user/logout: {get: {operationId: logoutUser, responses: {}}}\n",
            &p);
    assert_string_equal(p.login_method, "GET");
    assert_string_equal(p.login_path, "/user/login?username={user}&password={pass}");
    assert_null(p.login_body);
    assert_null(p.login_content_type);
    assert_non_null(strstr(p.reason_login_body, "query string"));
    assert_string_equal(p.logout_method, "GET");
    spec_plan_free(&p);
}

/* Without a cookie security scheme the cookie comes from a parameter or a Set-Cookie example. */
static void cookie_without_security_scheme(void **state)
{
    (void)state;
    spec_plan p;
    plan_of("openapi: 3.0.0\npaths:\n"
            "  /login:\n    post:\n      operationId: login\n      responses:\n"
            "        '204':\n          headers:\n            Set-Cookie:\n"
            "              schema: {type: string, example: 'JSESSIONID=abcde12345; Path=/; "
            "HttpOnly'}\n",
            &p);
    assert_string_equal(p.cookie_name, "JSESSIONID");
    assert_non_null(strstr(p.reason_cookie, "Set-Cookie example (line 9)"));
    spec_plan_free(&p);

    plan_of("openapi: 3.0.0\npaths:\n  /me:\n    get:\n      parameters:\n"
            "        - {name: sid, in: cookie, required: true}\n      responses: {}\n",
            &p);
    assert_string_equal(p.cookie_name, "sid");
    assert_non_null(strstr(p.reason_cookie, "cookie parameter 'sid'"));
    spec_plan_free(&p);
}

static void nothing_to_plan(void **state)
{
    (void)state;
    spec_plan p;
    int rc = plan_of("openapi: 3.1.0\npaths:\n  /pets: {get: {responses: {}}}\n"
                     "  /pets/search: {post: {responses: {}}}\n",
                     &p);
    assert_int_equal(rc, 1);
    assert_null(p.login_path);
    assert_null(p.logout_path);
    assert_null(p.cookie_name);
    assert_null(p.server_url);
    assert_non_null(strstr(p.reason_login, "no operation is named like a login"));
    assert_non_null(strstr(p.reason_cookie, "no apiKey-in-cookie"));
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    spec_plan_print(&p, out);
    fclose(out);
    assert_non_null(strstr(text, "login:     (not found)"));
    assert_non_null(strstr(text, "scan options: (none derived)"));
    free(text);
    spec_plan_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lab_plan),
        cmocka_unit_test(form_login_with_base_path),
        cmocka_unit_test(swagger2_form_and_query_logins),
        cmocka_unit_test(cookie_without_security_scheme),
        cmocka_unit_test(nothing_to_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
