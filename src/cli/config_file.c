#include "cli/config_file.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    yaml_parser_t p;
    const char *name;
    char *err;
    size_t errlen;
} reader;

static int next(reader *r, yaml_event_t *ev)
{
    if (yaml_parser_parse(&r->p, ev)) return 0;
    snprintf(r->err, r->errlen, "%s:%zu:%zu: invalid YAML: %s", r->name, r->p.problem_mark.line + 1,
             r->p.problem_mark.column + 1, r->p.problem ? r->p.problem : "parse error");
    return -1;
}

static int bad(reader *r, const yaml_event_t *ev, const char *what)
{
    snprintf(r->err, r->errlen, "%s:%zu:%zu: %s", r->name, ev->start_mark.line + 1,
             ev->start_mark.column + 1, what);
    return -1;
}

/* One value after a key: a scalar, or a flat sequence of scalars. */
static int read_value(reader *r, const char *key, config_entry_cb cb, void *ctx)
{
    yaml_event_t ev;
    if (next(r, &ev) != 0) return -1;
    int rc = 0, line = (int)ev.start_mark.line + 1;
    if (ev.type == YAML_SCALAR_EVENT) {
        rc = cb(ctx, key, (const char *)ev.data.scalar.value, line) ? -2 : 0;
    } else if (ev.type == YAML_SEQUENCE_START_EVENT) {
        for (;;) {
            yaml_event_t item;
            if (next(r, &item) != 0) {
                rc = -1;
                break;
            }
            if (item.type == YAML_SEQUENCE_END_EVENT) {
                yaml_event_delete(&item);
                break;
            }
            if (item.type != YAML_SCALAR_EVENT)
                rc = bad(r, &item, "lists in the config file hold plain values only");
            else if (cb(ctx, key, (const char *)item.data.scalar.value,
                        (int)item.start_mark.line + 1))
                rc = -2;
            yaml_event_delete(&item);
            if (rc) break;
        }
    } else {
        rc = bad(r, &ev, "expected a value or a list of values");
    }
    yaml_event_delete(&ev);
    return rc;
}

static int read_mapping(reader *r, config_entry_cb cb, void *ctx)
{
    for (;;) {
        yaml_event_t ev;
        if (next(r, &ev) != 0) return -1;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            return 0;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            int rc = bad(r, &ev, "keys must be option names");
            yaml_event_delete(&ev);
            return rc;
        }
        char *key = xstrdup((const char *)ev.data.scalar.value);
        yaml_event_delete(&ev);
        int rc = read_value(r, key, cb, ctx);
        free(key);
        if (rc) return rc;
    }
}

int config_buffer_read(const char *name, const unsigned char *data, size_t len,
                       config_entry_cb on_entry, void *ctx, char *err, size_t errlen)
{
    reader r = {.name = name, .err = err, .errlen = errlen};
    yaml_parser_initialize(&r.p);
    yaml_parser_set_input_string(&r.p, data, len);
    int rc = -1;
    yaml_event_t ev;
    /* stream start, document start, then the mapping */
    for (int expect = 0; expect < 3; expect++) {
        if (next(&r, &ev) != 0) goto out;
        yaml_event_type_t t = ev.type;
        yaml_event_delete(&ev);
        if (expect == 1 && t == YAML_STREAM_END_EVENT) { /* empty file: nothing to apply */
            rc = 0;
            goto out;
        }
        if ((expect == 0 && t != YAML_STREAM_START_EVENT) ||
            (expect == 1 && t != YAML_DOCUMENT_START_EVENT) ||
            (expect == 2 && t != YAML_MAPPING_START_EVENT)) {
            snprintf(err, errlen, "%s: the config file must be a mapping of option names", name);
            goto out;
        }
    }
    rc = read_mapping(&r, on_entry, ctx);
    if (rc == -2) snprintf(err, errlen, "%s: invalid value", name);
out:
    yaml_parser_delete(&r.p);
    return rc ? -1 : 0;
}

int config_file_read(const char *path, config_entry_cb on_entry, void *ctx, char *err,
                     size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read the config file %s", path);
        return -1;
    }
    unsigned char *data = xmalloc(CONFIG_FILE_MAX + 1);
    size_t n = fread(data, 1, CONFIG_FILE_MAX + 1, f);
    (void)fclose(f); /* read only: nothing to lose */
    int rc;
    if (n > CONFIG_FILE_MAX) {
        snprintf(err, errlen, "%s: config file larger than %u bytes", path, CONFIG_FILE_MAX);
        rc = -1;
    } else {
        rc = config_buffer_read(path, data, n, on_entry, ctx, err, errlen);
    }
    free(data);
    return rc;
}
