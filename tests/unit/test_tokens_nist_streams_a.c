/* SP 800-90B estimates agree with the NIST reference tool on the 1,000,000-sample streams
 * (urandom and counter here; LCG and java.util.Random in test_tokens_nist_streams_b.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens_nist_check.h"

NIST_TEST(urandom_agrees, "noniid_urandom_1M")
NIST_TEST(counter_agrees, "noniid_counter_1M")

static void unknown_set_is_reported(void **state)
{
    (void)state;
    assert_int_equal(nist_agreement("no-such-set"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(urandom_agrees),
        cmocka_unit_test(counter_agrees),
        cmocka_unit_test(unknown_set_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
