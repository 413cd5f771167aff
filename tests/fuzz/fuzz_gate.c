/* The gating inputs: a suppressions file (YAML) or a baseline (JSON report), chosen by the first
 * byte, parsed and applied to a small report. */
#include "report/gate.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

static void apply_to_report(const ss_suppressions *s, ss_baseline *b)
{
    ss_report r;
    report_init(&r, "scan", "http://127.0.0.1:3000");
    report_add(&r, "SS-FIX-CONFIRMED", CONF_CONFIRMED, "/login", "x");
    report_add(&r, "SS-FIX-URL", CONF_FIRM, "/?sessionId=1", "y");
    if (s) suppressions_apply(s, &r);
    if (b) baseline_apply(b, &r);
    (void)report_grade(&r);
    (void)report_gate_severity(&r);
    report_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    if (size < 1) return 0;
    const char *text = (const char *)data + 1;
    if (data[0] & 1) {
        ss_baseline b;
        if (baseline_parse(text, size - 1, "fuzz.json", &b, err, sizeof err) == 0) {
            apply_to_report(NULL, &b);
            baseline_free(&b);
        }
    } else {
        ss_suppressions s;
        if (suppressions_parse(text, size - 1, "fuzz.yaml", "2026-06-01", &s, NULL, err,
                               sizeof err) == 0) {
            apply_to_report(&s, NULL);
            suppressions_free(&s);
        }
    }
    return 0;
}
