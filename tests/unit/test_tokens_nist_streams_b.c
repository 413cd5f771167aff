/* SP 800-90B estimates agree with the NIST reference tool on the weak-generator streams
 * (split from test_tokens_nist_streams_a.c so that each program stays short under sanitizers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens_nist_check.h"

NIST_TEST(lcg_agrees, "noniid_lcg_low8_1M")
NIST_TEST(javarand_agrees, "noniid_javarand_hi8_1M")

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lcg_agrees),
        cmocka_unit_test(javarand_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
