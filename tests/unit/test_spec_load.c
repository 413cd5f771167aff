/* Loading API descriptions: versions, JSON and YAML, $refs, and every failure path with a clear
 * error (line and column where there is one). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "spec/doc.h"
#include "spec/spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static spec_doc *load_ok(const char *text)
{
    spec_error err;
    spec_doc *d = spec_load_buffer(text, strlen(text), "t.yaml", &err);
    if (!d) fail_msg("unexpected error: %s", err.message);
    return d;
}

static spec_error load_err(const char *text)
{
    spec_error err;
    spec_doc *d = spec_load_buffer(text, strlen(text), "t.yaml", &err);
    assert_null(d);
    assert_int_not_equal(err.kind, SPEC_ERR_NONE);
    assert_true(strncmp(err.message, "t.yaml", 6) == 0);
    return err;
}

static void lab_description_loads(void **state)
{
    (void)state;
    spec_error err;
    spec_doc *d = spec_load_file(SS_TEST_DATA "/specs/lab.yaml", &err);
    assert_non_null(d);
    assert_string_equal(spec_version_string(d), "3.0.3");
    assert_int_equal(spec_operation_count(d), 5);
    assert_int_equal(d->n_schemes, 1);
    assert_string_equal(d->schemes[0].key_name, "sessionId");
    assert_int_equal(d->n_servers, 1);
    assert_true(d->servers[0].http && d->servers[0].loopback);
    /* Line numbers are kept: the login operation is `post:` under /login. */
    for (size_t i = 0; i < d->n_ops; i++)
        if (strcmp(d->ops[i].path, "/login") == 0 && strcmp(d->ops[i].method, "post") == 0)
            assert_int_equal(d->ops[i].line, 32);
    spec_free(d);
}

static void json_and_yaml_give_the_same_model(void **state)
{
    (void)state;
    spec_doc *j = load_ok("{\"swagger\":\"2.0\",\"host\":\"api.example.com\",\"basePath\":\"/v1/\","
                          "\"schemes\":[\"http\",\"https\"],\"paths\":{\"/a\":{\"get\":{"
                          "\"responses\":{\"200\":{\"description\":\"x\"}}}}}}");
    spec_doc *y = load_ok("swagger: '2.0'\nhost: api.example.com\nbasePath: /v1/\n"
                          "schemes: [http, https]\npaths:\n  /a:\n    get:\n      responses:\n"
                          "        '200': {description: x}\n");
    assert_string_equal(spec_version_string(j), "2.0");
    assert_int_equal(spec_operation_count(j), 1);
    assert_int_equal(spec_operation_count(y), 1);
    assert_int_equal(j->n_servers, 2);
    assert_string_equal(j->servers[0].url, "http://api.example.com/v1");
    assert_string_equal(y->servers[1].url, "https://api.example.com/v1");
    assert_string_equal(j->base_path, "/v1");
    assert_int_equal(y->ops[0].line, 7);
    spec_free(j);
    spec_free(y);
}

static void versions(void **state)
{
    (void)state;
    spec_doc *d = load_ok("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");
    assert_int_equal(d->version, SPEC_V31);
    spec_free(d);
    d = load_ok("openapi: 3.0.0\npaths: {}\n");
    assert_int_equal(d->version, SPEC_V30);
    spec_free(d);

    spec_error e = load_err("openapi: 4.0.0\npaths: {}\n");
    assert_int_equal(e.kind, SPEC_ERR_VERSION);
    assert_int_equal(e.line, 1);
    assert_int_equal(e.col, 10);
    assert_non_null(strstr(e.message, "t.yaml:1:10: unsupported version openapi '4.0.0'"));
    e = load_err("swagger: '1.2'\n");
    assert_int_equal(e.kind, SPEC_ERR_VERSION);
    e = load_err("info: {title: t}\npaths: {}\n");
    assert_int_equal(e.kind, SPEC_ERR_VERSION);
    assert_non_null(strstr(e.message, "no 'openapi' or 'swagger' field"));
}

static void invalid_documents(void **state)
{
    (void)state;
    spec_error e = load_err("openapi: 3.0.0\npaths:\n  /a: [\n");
    assert_int_equal(e.kind, SPEC_ERR_SYNTAX);
    assert_true(e.line >= 3);
    assert_non_null(strstr(e.message, "invalid JSON/YAML"));

    e = load_err("{\"openapi\": \"3.0.0\",\n \"paths\": {\"/a\": {} \"/b\": {}}\n}");
    assert_int_equal(e.kind, SPEC_ERR_SYNTAX);
    assert_int_equal(e.line, 2);
    assert_true(e.col > 1);
    assert_non_null(strstr(e.message, "while parsing a flow mapping started at line 2"));

    e = load_err("");
    assert_int_equal(e.kind, SPEC_ERR_STRUCTURE);
    e = load_err("just a string\n");
    assert_int_equal(e.kind, SPEC_ERR_STRUCTURE);
    e = load_err("openapi: 3.0.0\npaths: [1, 2]\n");
    assert_int_equal(e.kind, SPEC_ERR_STRUCTURE);
    assert_int_equal(e.line, 2);
    e = load_err("openapi: 3.0.0\n? [a, b]\n: c\n");
    assert_int_equal(e.kind, SPEC_ERR_STRUCTURE);
    e = load_err("openapi: 3.0.0\nx: *nope\n");
    assert_int_equal(e.kind, SPEC_ERR_SYNTAX);
    /* A NUL byte is not allowed in YAML text. */
    static const char nul[] = "openapi: 3.0.0\npaths: {}\x00\n";
    spec_error err;
    assert_null(spec_load_buffer(nul, sizeof nul - 1, "t.yaml", &err));
    assert_int_equal(err.kind, SPEC_ERR_SYNTAX);

    assert_null(spec_load_file(SS_TEST_DATA "/specs", &err));
    assert_int_equal(err.kind, SPEC_ERR_IO);
    assert_non_null(strstr(err.message, "is a directory"));
    assert_null(spec_load_file("/nonexistent/spec.yaml", &err));
    assert_int_equal(err.kind, SPEC_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/spec.yaml"));
}

static const char *const REFS =
    "openapi: 3.0.0\n"
    "paths:\n"
    "  /users/{id}:\n"
    "    get:\n"
    "      parameters:\n"
    "        - $ref: '#/components/parameters/a~1b~0c'\n"
    "      responses:\n"
    "        '200':\n"
    "          $ref: '#/components/responses/Ok'\n"
    "  /copy:\n"
    "    $ref: '#/paths/~1users~1%7Bid%7D'\n"
    "components:\n"
    "  parameters:\n"
    "    a/b~c: {name: id, in: path, required: true, schema: {type: string}}\n"
    "  responses:\n"
    "    Ok:\n"
    "      $ref: '#/components/responses/Real'\n"
    "    Real:\n"
    "      description: ok\n"
    "      content:\n"
    "        application/json:\n"
    "          schema: {$ref: '#/components/schemas/Node'}\n"
    "  schemas:\n"
    "    Node:\n"
    "      type: object\n"
    "      properties:\n"
    "        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
    "        ext: {$ref: 'other.yaml#/Thing'}\n"
    "      example: {$ref: '#/not/checked/in/examples'}\n";

static void refs_resolve_with_escapes_and_recursion(void **state)
{
    (void)state;
    spec_doc *d = load_ok(REFS);
    assert_int_equal(spec_operation_count(d), 2); /* the path item $ref counts too */
    assert_int_equal(d->ops[0].n_params, 1);
    assert_string_equal(d->ops[0].params[0].name, "id");
    assert_string_equal(d->ops[1].path, "/copy");
    assert_int_equal(d->ops[1].n_params, 1);
    const spec_node *ok = spec_deref(d, node_get(d->ops[0].responses, "200"));
    assert_string_equal(node_get_str(ok, "description"), "ok");
    assert_non_null(spec_pointer(d, "#/components/parameters/a~1b~0c"));
    assert_null(spec_pointer(d, "#/components/parameters/a~2b"));
    assert_null(spec_pointer(d, "#/components/nope"));
    assert_non_null(spec_pointer(d, "#/paths/~1users~1{id}/get/parameters/0"));
    assert_null(spec_pointer(d, "#/paths/~1users~1{id}/get/parameters/01"));
    assert_int_equal(spec_note_count(d), 1);
    assert_non_null(strstr(spec_note(d, 0), "external $ref 'other.yaml#/Thing' was not fetched"));
    spec_free(d);
}

static void dangling_and_cyclic_refs(void **state)
{
    (void)state;
    spec_error e = load_err("openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n"
                            "        '200': {$ref: '#/components/responses/Gone'}\n");
    assert_int_equal(e.kind, SPEC_ERR_REF);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.col, 23);
    assert_non_null(strstr(e.message, "dangling $ref '#/components/responses/Gone'"));

    e = load_err(
        "openapi: 3.0.0\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
        "    B: {$ref: '#/components/schemas/A'}\n");
    assert_int_equal(e.kind, SPEC_ERR_REF);
    assert_int_equal(e.line, 4);
    assert_non_null(strstr(e.message, "cyclic $ref"));

    e = load_err(
        "openapi: 3.0.0\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n");
    assert_int_equal(e.kind, SPEC_ERR_REF);

    e = load_err("openapi: 3.0.0\nx: {$ref: '#/bad~escape'}\n");
    assert_int_equal(e.kind, SPEC_ERR_REF);
}

static void billion_laughs_fails_fast(void **state)
{
    (void)state;
    const char *lol = "openapi: 3.0.0\n"
                      "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                      "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    spec_error e = load_err(lol);
    assert_int_equal(e.kind, SPEC_ERR_LIMIT);
    assert_non_null(strstr(e.message, "billion laughs"));
    assert_true(e.line >= 6 && e.line <= 8);

    /* A modest, legitimate use of aliases is fine. */
    spec_doc *d = load_ok("openapi: 3.0.0\nx: &s {type: string}\ny: *s\nz: [*s, *s]\n");
    assert_string_equal(node_get_str(node_get(d->root, "y"), "type"), "string");
    spec_free(d);
}

static void depth_and_node_limits(void **state)
{
    (void)state;
    char deep[1200];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "{\"openapi\":\"3.0.0\",\"x\":");
    for (int i = 0; i < 200; i++)
        deep[n++] = '[';
    for (int i = 0; i < 200; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    deep[n] = '\0';
    spec_error e = load_err(deep);
    assert_int_equal(e.kind, SPEC_ERR_LIMIT);
    assert_non_null(strstr(e.message, "nesting deeper than 128 levels"));
    assert_int_equal(e.line, 1);

    spec_limits lim = spec_default_limits;
    lim.max_nodes = 10;
    const char *doc = "openapi: 3.0.0\nx: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
    spec_error err;
    assert_null(spec_load_buffer_limits(doc, strlen(doc), "t.yaml", &lim, &err));
    assert_int_equal(err.kind, SPEC_ERR_LIMIT);
    assert_non_null(strstr(err.message, "more than 10 nodes"));
}

/* A 50 MB description is refused with a clear message, from a buffer and from a file, without
 * being parsed. The document is generated here, never committed. */
static void fifty_megabytes_is_refused(void **state)
{
    (void)state;
    const size_t size = 50u * 1000 * 1000;
    char *big = malloc(size + 1);
    assert_non_null(big);
    size_t n = (size_t)snprintf(big, size, "{\"openapi\":\"3.0.0\",\"paths\":{");
    for (unsigned i = 0; n + 100 < size; i++)
        n += (size_t)snprintf(big + n, size - n, "\"/p%u\":{\"get\":{\"responses\":{}}},", i);
    n += (size_t)snprintf(big + n, size - n, "\"/end\":{}}}");
    spec_error err;
    assert_null(spec_load_buffer(big, n, "big.json", &err));
    assert_int_equal(err.kind, SPEC_ERR_LIMIT);
    assert_non_null(strstr(err.message, "big.json: document is"));
    assert_non_null(strstr(err.message, "limit (32 MiB)"));

    char path[] = "/tmp/ss-spec-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_int_equal(fwrite(big, 1, n, f), n);
    fclose(f);
    assert_null(spec_load_file(path, &err));
    unlink(path);
    assert_int_equal(err.kind, SPEC_ERR_LIMIT);
    assert_non_null(strstr(err.message, "over the 33554432-byte limit"));
    free(big);
}

/* YAML merge keys, as hand-written descriptions use them for shared responses. */
static void merge_keys(void **state)
{
    (void)state;
    spec_doc *d = load_ok("openapi: 3.0.0\n"
                          "x-common: &common\n"
                          "  '401': {description: unauthorized}\n"
                          "  '200': {description: base}\n"
                          "paths:\n"
                          "  /a:\n"
                          "    get:\n"
                          "      responses:\n"
                          "        <<: *common\n"
                          "        '200': {description: own}\n"
                          "  /b:\n"
                          "    get:\n"
                          "      responses:\n"
                          "        \"<<\": {description: quoted key is just a key}\n");
    const spec_node *r = d->ops[0].responses;
    assert_int_equal(r->n, 2);
    assert_string_equal(node_get_str(node_get(r, "200"), "description"), "own");
    assert_string_equal(node_get_str(node_get(r, "401"), "description"), "unauthorized");
    assert_non_null(node_get(d->ops[1].responses, "<<"));
    spec_free(d);

    spec_error e = load_err("openapi: 3.0.0\nx: &s scalar\ny: {<<: *s}\n");
    assert_int_equal(e.kind, SPEC_ERR_STRUCTURE);
    assert_non_null(strstr(e.message, "merge key"));
}

static void server_variables_and_security(void **state)
{
    (void)state;
    spec_doc *d =
        load_ok("openapi: 3.0.0\n"
                "servers:\n"
                "  - url: '{scheme}://api.example.com/{base}'\n"
                "    variables:\n"
                "      scheme: {default: https, enum: [https, http]}\n"
                "      base: {default: v2}\n"
                "security: [{k: []}]\n"
                "paths:\n"
                "  /a: {get: {responses: {}}}\n"
                "  /b: {get: {security: [], responses: {}}}\n"
                "  /c: {get: {security: [{}, {k: []}], responses: {}}}\n"
                "components: {securitySchemes: {k: {type: apiKey, in: header, name: X}}}\n");
    assert_int_equal(d->n_servers, 2);
    assert_string_equal(d->servers[0].url, "https://api.example.com/v2");
    assert_false(d->servers[0].http);
    assert_string_equal(d->servers[1].url, "http://api.example.com/v2");
    assert_true(d->servers[1].http);
    assert_string_equal(d->base_path, "/v2");
    assert_true(d->ops[0].secured);
    assert_false(d->ops[0].security_explicit);
    assert_false(d->ops[1].secured);
    assert_true(d->ops[1].security_explicit);
    assert_false(d->ops[2].secured); /* {} makes authentication optional */
    spec_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lab_description_loads),
        cmocka_unit_test(json_and_yaml_give_the_same_model),
        cmocka_unit_test(versions),
        cmocka_unit_test(invalid_documents),
        cmocka_unit_test(refs_resolve_with_escapes_and_recursion),
        cmocka_unit_test(dangling_and_cyclic_refs),
        cmocka_unit_test(billion_laughs_fails_fast),
        cmocka_unit_test(depth_and_node_limits),
        cmocka_unit_test(fifty_megabytes_is_refused),
        cmocka_unit_test(merge_keys),
        cmocka_unit_test(server_variables_and_security),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
