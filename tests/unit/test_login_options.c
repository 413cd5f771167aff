/* Login body rendering, option parsing and redaction: the pieces every scan starts with. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli/options.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"

#include <stdlib.h>
#include <string.h>

static void json_template_escapes_values(void **state)
{
    (void)state;
    const char *ct;
    char *b = login_render("{\"u\":\"{user}\",\"p\":\"{pass}\"}", "al\"ice", "p\\w\n", &ct);
    assert_string_equal(ct, "application/json");
    assert_string_equal(b, "{\"u\":\"al\\\"ice\",\"p\":\"p\\\\w\\n\"}");
    free(b);
}

static void form_template_url_encodes_values(void **state)
{
    (void)state;
    const char *ct;
    char *b = login_render("user={user}&pass={pass}", "a b", "p&w=1", &ct);
    assert_string_equal(ct, "application/x-www-form-urlencoded");
    assert_string_equal(b, "user=a%20b&pass=p%26w%3D1");
    free(b);
}

typedef struct {
    char *name;
    unsigned n;
    double d;
    bool flag;
    ss_strlist list;
} cfg_t;

static const ss_optdef defs[] = {
    {"name", 'n', OPT_STRING, "X", "", offsetof(cfg_t, name)},
    {"count", 0, OPT_UINT, "N", "", offsetof(cfg_t, n)},
    {"rate", 0, OPT_DOUBLE, "N", "", offsetof(cfg_t, d)},
    {"flag", 'f', OPT_FLAG, NULL, "", offsetof(cfg_t, flag)},
    {"item", 'i', OPT_LIST, "X", "", offsetof(cfg_t, list)},
    {NULL, 0, OPT_FLAG, NULL, NULL, 0},
};

static int parse(cfg_t *c, ss_optparse *op, int argc, char **argv)
{
    memset(c, 0, sizeof *c);
    memset(op, 0, sizeof *op);
    op->defs = defs;
    op->cfg = c;
    return options_parse(op, argc, argv);
}

static void options_parse_every_kind(void **state)
{
    (void)state;
    cfg_t c;
    ss_optparse op;
    char *argv[] = {"cmd", "--name=x", "-f",     "--count", "7",   "--rate", "2.5/s",
                    "-i",  "a",        "--item", "b",       "pos", "--",     "--not-an-option"};
    assert_int_equal(parse(&c, &op, 14, argv), 0);
    assert_string_equal(c.name, "x");
    assert_true(c.flag);
    assert_int_equal(c.n, 7);
    assert_true(c.d == 2.5);
    assert_int_equal(c.list.n, 2);
    assert_string_equal(c.list.items[1], "b");
    assert_int_equal(op.positional.n, 2);
    assert_string_equal(op.positional.items[1], "--not-an-option");
    options_free(&op);
    options_free_cfg(defs, &c);
}

static void options_reject_bad_values(void **state)
{
    (void)state;
    cfg_t c;
    ss_optparse op;
    char *a1[] = {"cmd", "--count", "-3"};
    assert_int_equal(parse(&c, &op, 3, a1), -1);
    assert_non_null(strstr(op.error, "--count expects a whole number"));
    options_free(&op);
    options_free_cfg(defs, &c);
    char *a2[] = {"cmd", "--name"};
    assert_int_equal(parse(&c, &op, 2, a2), -1);
    assert_non_null(strstr(op.error, "--name needs a value"));
    options_free(&op);
    options_free_cfg(defs, &c);
    char *a3[] = {"cmd", "--bogus"};
    assert_int_equal(parse(&c, &op, 2, a3), -1);
    assert_non_null(strstr(op.error, "unknown option '--bogus'"));
    options_free(&op);
    options_free_cfg(defs, &c);
}

static void environment_is_below_the_command_line(void **state)
{
    (void)state;
    cfg_t c;
    ss_optparse op;
    setenv("SESSIONSCAN_NAME", "from-env", 1);
    setenv("SESSIONSCAN_COUNT", "3", 1);
    char *argv[] = {"cmd", "--name", "from-argv"};
    assert_int_equal(parse(&c, &op, 3, argv), 0);
    assert_string_equal(c.name, "from-argv");
    assert_int_equal(c.n, 3);
    unsetenv("SESSIONSCAN_NAME");
    unsetenv("SESSIONSCAN_COUNT");
    options_free(&op);
    options_free_cfg(defs, &c);
}

static void redaction_shortens_ids_and_masks_passwords(void **state)
{
    (void)state;
    redact_reset();
    redact_register("0123456789abcdef0123456789abcdef", SECRET_SESSION);
    redact_register("hunter2-password", SECRET_PASSWORD);
    char *t = redact_text("id=0123456789abcdef0123456789abcdef pw=hunter2-password");
    assert_string_equal(t, "id=0123\u2026cdef pw=****");
    free(t);
    redact_show_secrets(true);
    t = redact_text("id=0123456789abcdef0123456789abcdef pw=hunter2-password");
    assert_string_equal(t, "id=0123456789abcdef0123456789abcdef pw=****");
    free(t);
    redact_show_secrets(false);
    redact_reset();
}

static void invented_ids_keep_shape(void **state)
{
    (void)state;
    char *a = invent_id("0123456789abcdef0123456789abcdef");
    assert_int_equal(strlen(a), 32);
    assert_int_equal(strspn(a, "0123456789abcdef"), 32);
    assert_string_not_equal(a, "0123456789abcdef0123456789abcdef");
    char *b = invent_id("s%3AAbC-_x.sig+/");
    assert_memory_equal(b, "s%3A", 4);
    assert_int_equal(strlen(b), strlen("s%3AAbC-_x.sig+/"));
    assert_non_null(strchr(b, '.'));
    free(a);
    free(b);
    redact_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_template_escapes_values),
        cmocka_unit_test(form_template_url_encodes_values),
        cmocka_unit_test(options_parse_every_kind),
        cmocka_unit_test(options_reject_bad_values),
        cmocka_unit_test(environment_is_below_the_command_line),
        cmocka_unit_test(redaction_shortens_ids_and_masks_passwords),
        cmocka_unit_test(invented_ids_keep_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
