/* The --config file reader: arbitrary bytes as YAML, every entry accepted. */
#include "cli/config_file.h"

#include <stddef.h>
#include <stdint.h>

static int accept_all(void *ctx, const char *key, const char *value, int line)
{
    (void)ctx, (void)key, (void)value, (void)line;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    if (size > CONFIG_FILE_MAX) return 0;
    config_buffer_read("fuzz.yaml", data, size, accept_all, NULL, err, sizeof err);
    return 0;
}
