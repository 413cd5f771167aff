/* SP 800-90B estimates agree with the NIST reference tool on the token-derived streams
 * (4-bit nibbles of hex tokens, bytes of express-session ids). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tokens_nist_check.h"

NIST_TEST(hex_nibbles_agree, "noniid_hex_tokens_nib")
NIST_TEST(weak_hex_nibbles_agree, "noniid_weak_hex_nib")
NIST_TEST(express_ids_agree, "noniid_express_ids_raw")

/* A regenerated file that does not match its checksum is refused, not compared. */
static void checksum_mismatch_is_refused(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = td_dataset("counter_1M.bin", &n);
    char got[65], want[65];
    b[7] ^= 1;
    td_sha256(b, n, got);
    td_expected_sum("counter_1M.bin", want);
    assert_string_not_equal(got, want);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hex_nibbles_agree),
        cmocka_unit_test(weak_hex_nibbles_agree),
        cmocka_unit_test(express_ids_agree),
        cmocka_unit_test(checksum_mismatch_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
