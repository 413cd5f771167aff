/* libFuzzer target for the spec loader, $ref resolution, the SS-SPEC-* review and the planner:
 * any input must load or fail with an error, never crash, hang or leak. Build and run: */
// clang -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L
//   -DSS_VERSION='"fuzz"' -Isrc tests/fuzz/fuzz_spec.c src/spec/*.c src/report/*.c
//   src/util/*.c build/src/rules_gen.c -lyaml -ljansson -o fuzz_spec
// ./fuzz_spec -max_total_time=30 -max_len=8192 tests/fuzz/corpus/spec
#include "spec/spec.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Small limits keep each run fast while still reaching every limit's error path. */
    spec_limits lim = spec_default_limits;
    lim.max_bytes = 1 << 20;
    lim.max_nodes = 100000;
    lim.max_alias_nodes = 20000;
    spec_error err;
    spec_doc *d = spec_load_buffer_limits((const char *)data, size, "fuzz.yaml", &lim, &err);
    if (!d) return 0;
    ss_report r;
    report_init(&r, "spec", "fuzz.yaml");
    spec_review(d, "fuzz.yaml", &r);
    report_free(&r);
    spec_plan p;
    spec_derive_plan(d, &p);
    FILE *out = fopen("/dev/null", "w");
    if (out) {
        spec_plan_print(&p, out);
        fclose(out);
    }
    spec_plan_free(&p);
    spec_free(d);
    return 0;
}
