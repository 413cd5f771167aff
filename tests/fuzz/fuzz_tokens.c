/* Fuzz target: the token loader and decoder, and the analysis (the SP 800-90B battery only on
 * small inputs, to keep executions fast). The first byte picks the mode: text lines or --raw
 * bytes, estimators on or off, an alphabet override, a --raw token length. */
#include "tokens/tokens.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    tokens_opts o;
    tokens_opts_init(&o);
    o.raw = mode & 1;
    o.skip_estimators = !(mode & 2) || size > 512;
    o.max_line = 512;
    o.max_tokens = 4096;
    if (mode & 4) o.alphabet = "0123456789abcdef";
    if (mode & 8) o.raw_token_len = 1u + (mode >> 4);
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f) return 0;
    tokens_set s;
    char err[256];
    if (tokens_load(f, &o, &s, err, sizeof err) == 0) {
        tokens_result r;
        tokens_analyse(&s, &o, &r);
        ss_report rep;
        report_init(&rep, "tokens", "fuzz");
        tokens_to_report(&r, &rep);
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            tokens_print_text(&r, null);
            fclose(null);
        }
        json_decref(rep.extra_json);
        rep.extra_json = NULL;
        report_free(&rep);
        tokens_result_free(&r);
        tokens_set_free(&s);
    }
    fclose(f);
    return 0;
}
