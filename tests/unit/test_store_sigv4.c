/* SigV4 against the published aws-sig-v4-test-suite vectors (tests/data/sigv4/vectors.json).
 * With "--sign FILE" it instead prints the Authorization header for each request in FILE, one
 * per line, so tests/integration/test_store_sigv4_node.sh can compare with @smithy/signature-v4. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/sigv4.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    sigv4_header h[16];
    size_t n;
    sigv4_request rq;
} vec_req;

static void load_req(json_t *t, vec_req *v)
{
    json_t *hs = json_object_get(t, "headers");
    v->n = json_array_size(hs);
    assert_true(v->n <= 16);
    for (size_t i = 0; i < v->n; i++) {
        v->h[i].name = json_string_value(json_array_get(json_array_get(hs, i), 0));
        v->h[i].value = json_string_value(json_array_get(json_array_get(hs, i), 1));
    }
    const char *body = json_string_value(json_object_get(t, "body"));
    v->rq = (sigv4_request){
        .method = json_string_value(json_object_get(t, "method")),
        .path = json_string_value(json_object_get(t, "path")),
        .query = json_string_value(json_object_get(t, "query")),
        .headers = v->h,
        .n_headers = v->n,
        .body = body,
        .body_len = body ? strlen(body) : 0,
    };
}

static json_t *load_vectors(void)
{
    json_error_t e;
    json_t *doc = json_load_file(SS_TEST_DATA "/sigv4/vectors.json", 0, &e);
    assert_non_null(doc);
    return doc;
}

static void published_vectors_match(void **state)
{
    (void)state;
    json_t *doc = load_vectors();
    json_t *cfg = json_object_get(doc, "config");
    sigv4_key k = {json_string_value(json_object_get(cfg, "accessKeyId")),
                   json_string_value(json_object_get(cfg, "secretAccessKey")),
                   json_string_value(json_object_get(cfg, "region")),
                   json_string_value(json_object_get(cfg, "service"))};
    const char *date = json_string_value(json_object_get(cfg, "amzDate"));
    json_t *tests = json_object_get(doc, "tests");
    assert_true(json_array_size(tests) >= 8);
    size_t i;
    json_t *t;
    json_array_foreach(tests, i, t)
    {
        vec_req v;
        load_req(t, &v);
        ss_buf creq, sh, sts, authz;
        buf_init(&creq, 0);
        buf_init(&sh, 0);
        buf_init(&sts, 0);
        buf_init(&authz, 0);
        assert_int_equal(sigv4_canonical_request(&v.rq, &creq, &sh), 0);
        const char *name = json_string_value(json_object_get(t, "name"));
        if (strcmp(creq.data, json_string_value(json_object_get(t, "creq"))) != 0)
            fail_msg("%s: canonical request differs:\n%s", name, creq.data);
        assert_int_equal(
            sigv4_string_to_sign(date, "20150830/us-east-1/service/aws4_request", creq.data, &sts),
            0);
        assert_string_equal(sts.data, json_string_value(json_object_get(t, "sts")));
        assert_int_equal(sigv4_authorization(&v.rq, &k, date, &authz), 0);
        assert_string_equal(authz.data, json_string_value(json_object_get(t, "authz")));
        buf_free(&creq);
        buf_free(&sh);
        buf_free(&sts);
        buf_free(&authz);
    }
    json_decref(doc);
}

/* A wrong secret, date or region must change the signature: the vectors alone would not catch
 * an implementation that ignored one of the scope parts. */
static void every_scope_part_changes_the_signature(void **state)
{
    (void)state;
    sigv4_header h[] = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
    sigv4_request rq = {"GET", "/", "", h, 2, "", 0};
    sigv4_key base = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1",
                      "service"};
    sigv4_key variants[] = {
        {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", "us-east-1", "service"},
        {"AKIDEXAMPLE", base.secret_key, "eu-west-1", "service"},
        {"AKIDEXAMPLE", base.secret_key, "us-east-1", "dynamodb"},
    };
    ss_buf a;
    buf_init(&a, 0);
    assert_int_equal(sigv4_authorization(&rq, &base, "20150830T123600Z", &a), 0);
    assert_non_null(
        strstr(a.data, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    assert_null(strstr(a.data, "wJalrXUtnFEMI")); /* the secret never appears */
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        ss_buf b;
        buf_init(&b, 0);
        assert_int_equal(sigv4_authorization(&rq, &variants[i], "20150830T123600Z", &b), 0);
        assert_string_not_equal(strrchr(a.data, '='), strrchr(b.data, '='));
        buf_free(&b);
    }
    buf_free(&a);
    char d[17];
    sigv4_amz_date(1440938160, d);
    assert_string_equal(d, "20150830T123600Z");
    assert_int_equal(sigv4_authorization(&rq, &base, "2015", &a), -1);
}

/* Prints one Authorization header per request in FILE (the node cross-check's input). */
static int sign_file(const char *path)
{
    json_error_t e;
    json_t *doc = json_load_file(path, 0, &e);
    if (!doc) {
        fprintf(stderr, "%s:%d: %s\n", path, e.line, e.text);
        return 2;
    }
    json_t *cfg = json_object_get(doc, "config");
    sigv4_key k = {json_string_value(json_object_get(cfg, "accessKeyId")),
                   json_string_value(json_object_get(cfg, "secretAccessKey")),
                   json_string_value(json_object_get(cfg, "region")),
                   json_string_value(json_object_get(cfg, "service"))};
    const char *date = json_string_value(json_object_get(cfg, "amzDate"));
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(doc, "tests"), i, t)
    {
        vec_req v;
        load_req(t, &v);
        ss_buf authz;
        buf_init(&authz, 0);
        if (sigv4_authorization(&v.rq, &k, date, &authz) != 0) return 1;
        printf("%s %s\n", json_string_value(json_object_get(t, "name")), authz.data);
        buf_free(&authz);
    }
    json_decref(doc);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--sign") == 0) return sign_file(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(published_vectors_match),
        cmocka_unit_test(every_scope_part_changes_the_signature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
