/* utf8_clean: target bytes reach reports and the terminal as valid UTF-8 without controls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report/finding.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

static void expect_clean(const char *in, const char *want)
{
    char *got = utf8_clean(in);
    assert_string_equal(got, want);
    free(got);
}

static void valid_text_is_kept(void **state)
{
    (void)state;
    expect_clean("", "");
    expect_clean("sid=abc; Path=/\n\tnext", "sid=abc; Path=/\n\tnext");
    const char *mixed = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x91"; /* 2, 3 and 4 bytes */
    expect_clean(mixed, mixed);
    expect_clean(NULL, "");
}

static void invalid_sequences_are_replaced(void **state)
{
    (void)state;
    expect_clean("s\xC3\x28id\xFF", "s" FFFD "(id" FFFD);
    expect_clean("\xC0\xAF", FFFD FFFD);                   /* overlong '/' */
    expect_clean("\xED\xA0\x80", FFFD FFFD FFFD);          /* surrogate */
    expect_clean("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD); /* above U+10FFFF */
    expect_clean("\xE2\x82", FFFD FFFD);                   /* truncated at the end */
}

static void controls_are_replaced(void **state)
{
    (void)state;
    expect_clean("a\033[31mred\r\x7F", "a" FFFD "[31mred" FFFD FFFD);
    expect_clean("\xC2\x9B"
                 "2J",
                 FFFD "2J"); /* C1 CSI */
}

static void report_text_is_cleaned(void **state)
{
    (void)state;
    ss_report r;
    report_init(&r, "scan", "http://t");
    report_set_error(&r, "cookie %s", "s\xFF\033]0;x\a");
    assert_string_equal(r.error, "cookie s" FFFD FFFD "]0;x" FFFD);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_kept),
        cmocka_unit_test(invalid_sequences_are_replaced),
        cmocka_unit_test(controls_are_replaced),
        cmocka_unit_test(report_text_is_cleaned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
