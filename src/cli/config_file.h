/* The --config file: a YAML mapping of long option names to scalars or lists of scalars. */
#ifndef SS_CONFIG_FILE_H
#define SS_CONFIG_FILE_H
#include <stddef.h>

#define CONFIG_FILE_MAX (1u << 20)

/* Calls on_entry(ctx, key, value, line) for each scalar (once per list item); a non-zero return
 * stops reading. Returns 0, or -1 with a message naming the file, line and column in err. */
typedef int (*config_entry_cb)(void *ctx, const char *key, const char *value, int line);
int config_file_read(const char *path, config_entry_cb on_entry, void *ctx, char *err,
                     size_t errlen);
int config_buffer_read(const char *name, const unsigned char *data, size_t len,
                       config_entry_cb on_entry, void *ctx, char *err, size_t errlen);

#endif
