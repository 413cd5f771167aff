/* The finding model and the rule catalogue generated from docs/rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report/finding.h"

#include <string.h>

static void catalogue_is_generated_from_docs(void **state)
{
    (void)state;
    const ss_rule *r = rule_find("SS-FIX-CONFIRMED");
    assert_non_null(r);
    assert_int_equal(r->severity, SEV_HIGH);
    assert_string_equal(r->cwe, "384");
    assert_non_null(strstr(r->express, "regenerate"));
    assert_true(rule_count() >= 5);
    assert_null(rule_find("SS-NOPE"));
}

static void grade_caps_on_critical_and_high(void **state)
{
    (void)state;
    ss_report r;
    report_init(&r, "scan", "http://127.0.0.1");
    assert_int_equal(report_grade(&r), 'A');
    report_add(&r, "SS-NO-ROTATE", CONF_FIRM, "/login", "x");
    assert_int_equal(report_grade(&r), 'A');
    report_add(&r, "SS-FIX-CONFIRMED", CONF_CONFIRMED, "/login", "x");
    assert_int_equal(report_grade(&r), 'D');
    report_add(&r, "SS-FIX-ADOPT", CONF_CONFIRMED, "/login", "x");
    assert_int_equal(report_grade(&r), 'F');
    assert_int_equal(report_max_severity(&r), SEV_CRITICAL);
    report_set_error(&r, "login failed");
    assert_int_equal(report_grade(&r), '\0');
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalogue_is_generated_from_docs),
        cmocka_unit_test(grade_caps_on_critical_and_high),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
