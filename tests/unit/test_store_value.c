/* AttributeValue decoding (every type, and every way a hostile answer can be malformed) and the
 * classification of DynamoDB answers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/ddb_client.h"
#include "store/ddb_value.h"

#include <string.h>

static int decode(const char *json, ddb_value *v)
{
    json_error_t e;
    json_t *j = json_loads(json, 0, &e);
    assert_non_null(j);
    char err[128];
    int rc = ddb_value_decode(j, v, err, sizeof err);
    json_decref(j);
    return rc;
}

static void scalars(void **state)
{
    (void)state;
    ddb_value v;
    assert_int_equal(decode("{\"S\":\"abc\"}", &v), 0);
    assert_int_equal(v.type, DDB_S);
    assert_string_equal(v.str, "abc");
    ddb_value_free(&v);

    double d;
    assert_int_equal(decode("{\"N\":\"-12.5e2\"}", &v), 0);
    assert_int_equal(v.type, DDB_N);
    assert_int_equal(ddb_value_number(&v, &d), 0);
    assert_true(d == -1250.0);
    ddb_value_free(&v);

    assert_int_equal(decode("{\"B\":\"aGVsbG8=\"}", &v), 0);
    assert_int_equal(v.type, DDB_B);
    assert_int_equal(v.len, 5);
    assert_memory_equal(v.str, "hello", 5);
    ddb_value_free(&v);

    assert_int_equal(decode("{\"BOOL\":true}", &v), 0);
    assert_int_equal(v.type, DDB_BOOL);
    assert_true(v.boolean);
    ddb_value_free(&v);

    assert_int_equal(decode("{\"NULL\":true}", &v), 0);
    assert_int_equal(v.type, DDB_NULL);
    assert_int_equal(ddb_value_number(&v, &d), -1);
    ddb_value_free(&v);
}

static void containers_and_sets(void **state)
{
    (void)state;
    ddb_value v;
    assert_int_equal(decode("{\"M\":{\"a\":{\"S\":\"x\"},\"b\":{\"L\":[{\"N\":\"1\"},{\"BOOL\":"
                            "false}]}}}",
                            &v),
                     0);
    assert_int_equal(v.type, DDB_M);
    assert_int_equal(v.n, 2);
    assert_string_equal(ddb_value_get(&v, "a")->str, "x");
    const ddb_value *l = ddb_value_get(&v, "b");
    assert_int_equal(l->type, DDB_L);
    assert_int_equal(l->n, 2);
    assert_int_equal(l->items[1].type, DDB_BOOL);
    assert_null(ddb_value_get(&v, "c"));
    ddb_value_free(&v);

    assert_int_equal(decode("{\"SS\":[\"a\",\"b\"]}", &v), 0);
    assert_int_equal(v.type, DDB_SS);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.items[1].str, "b");
    ddb_value_free(&v);
    assert_int_equal(decode("{\"NS\":[\"1\",\"2.5\"]}", &v), 0);
    assert_int_equal(v.items[1].type, DDB_N);
    ddb_value_free(&v);
    assert_int_equal(decode("{\"BS\":[\"AAE=\"]}", &v), 0);
    assert_int_equal(v.items[0].len, 2);
    ddb_value_free(&v);
    assert_string_equal(ddb_type_name(DDB_BS), "BS");
}

static void malformed_values_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"S\":1}",
        "{\"N\":\"12abc\"}",
        "{\"N\":\"\"}",
        "{\"N\":\"1e\"}",
        "{\"B\":\"abc\"}",
        "{\"B\":\"!!!!\"}",
        "{\"BOOL\":\"yes\"}",
        "{\"M\":[]}",
        "{\"L\":{}}",
        "{\"SS\":[1]}",
        "{\"NS\":[\"x\"]}",
        "{\"XX\":\"a\"}",
        "{}",
        "{\"S\":\"a\",\"N\":\"1\"}",
        "[]",
        "{\"M\":{\"a\":{\"N\":\"x\"}}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ddb_value v;
        if (decode(bad[i], &v) == 0) fail_msg("accepted %s", bad[i]);
    }
    /* Nesting deeper than DynamoDB allows. */
    char deep[2048] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "{\"L\":[");
    strcat(deep, "{\"S\":\"x\"}");
    for (int i = 0; i < 40; i++)
        strcat(deep, "]}");
    ddb_value v;
    assert_int_equal(decode(deep, &v), -1);
}

static void answers_are_classified(void **state)
{
    (void)state;
    char type[64], msg[128];
#define BODY(s) s, sizeof(s) - 1
    assert_int_equal(ddb_classify(200, BODY("{\"Items\":[]}"), type, sizeof type, msg, sizeof msg),
                     DDB_OK);
    assert_int_equal(ddb_classify(400,
                                  BODY("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                                       "ResourceNotFoundException\",\"message\":\"Requested "
                                       "resource not found\"}"),
                                  type, sizeof type, msg, sizeof msg),
                     DDB_E_NOT_FOUND);
    assert_string_equal(type, "ResourceNotFoundException");
    assert_string_equal(msg, "Requested resource not found");
    assert_int_equal(ddb_classify(400,
                                  BODY("{\"__type\":\"x#InvalidSignatureException\",\"message\":"
                                       "\"first line\\nThe Canonical String...secret\"}"),
                                  type, sizeof type, msg, sizeof msg),
                     DDB_E_AUTH);
    assert_string_equal(msg, "first line"); /* never the rest, which may echo the token */
    assert_int_equal(ddb_classify(400, BODY("{\"__type\":\"x#ThrottlingException\"}"), type,
                                  sizeof type, msg, sizeof msg),
                     DDB_E_THROTTLED);
    assert_int_equal(ddb_classify(400, BODY("{\"__type\":\"x#AccessDeniedException\"}"), type,
                                  sizeof type, msg, sizeof msg),
                     DDB_E_DENIED);
    assert_int_equal(ddb_classify(503, BODY("<html>"), type, sizeof type, msg, sizeof msg),
                     DDB_E_SERVER);
    assert_int_equal(ddb_classify(400, BODY("{\"__type\":\"x#ValidationException\"}"), type,
                                  sizeof type, msg, sizeof msg),
                     DDB_E_CLIENT);
    assert_int_equal(ddb_classify(403, BODY(""), type, sizeof type, msg, sizeof msg), DDB_E_AUTH);
    assert_true(ddb_retryable(DDB_E_THROTTLED, 400));
    assert_true(ddb_retryable(DDB_E_SERVER, 500));
    assert_false(ddb_retryable(DDB_E_NOT_FOUND, 400));
    assert_false(ddb_retryable(DDB_E_AUTH, 400));
}

/* The client's whole vocabulary is read operations; no write appears in the store sources. */
static void client_is_read_only(void **state)
{
    (void)state;
    static const char *const reads[] = {"DescribeTable", "DescribeTimeToLive", "GetItem", "Scan"};
    for (int op = 0; op < DDB_OP_COUNT; op++) {
        int ok = 0;
        for (size_t i = 0; i < 4; i++)
            ok |= strcmp(ddb_op_name((ddb_op)op), reads[i]) == 0;
        assert_true(ok);
    }
    assert_int_equal(DDB_OP_COUNT, 4);
    assert_null(ddb_op_name(DDB_OP_COUNT));
    static const char *const files[] = {"ddb_client.c",  "ddb_client.h",    "store_scan.c",
                                        "store_audit.c", "store_inspect.c", "store.h"};
    static const char *const writes[] = {"PutItem",          "UpdateItem",    "DeleteItem",
                                         "BatchWrite",       "TransactWrite", "CreateTable",
                                         "DeleteTable",      "UpdateTable",   "UpdateTimeToLive",
                                         "ExecuteStatement", "PartiQL"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/../../src/store/%s", SS_TEST_DATA, files[f]);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        static char text[1 << 18];
        size_t n = fread(text, 1, sizeof text - 1, fp);
        fclose(fp);
        text[n] = '\0';
        for (size_t w = 0; w < sizeof writes / sizeof *writes; w++)
            if (strstr(text, writes[w])) fail_msg("%s mentions %s", files[f], writes[w]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scalars),
        cmocka_unit_test(containers_and_sets),
        cmocka_unit_test(malformed_values_are_refused),
        cmocka_unit_test(answers_are_classified),
        cmocka_unit_test(client_is_read_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
