/* Entry points for loading: file or buffer -> tree -> version -> $ref check -> API model. */
#include "spec/doc.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const spec_limits spec_default_limits = {
    .max_bytes = 32u * 1024 * 1024,
    .max_depth = 128,
    .max_nodes = 8u * 1000 * 1000,
    .max_alias_nodes = 1000 * 1000,
    .max_aliases = 10000,
};

void spec_set_error(spec_error *err, const spec_doc *d, spec_error_kind kind, int line, int col,
                    const char *fmt, ...)
{
    if (!err) return;
    char what[380];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *name = d && d->name ? d->name : "spec";
    err->kind = kind;
    err->line = line;
    err->col = col;
    if (line > 0)
        snprintf(err->message, sizeof err->message, "%.100s:%d:%d: %.380s", name, line, col, what);
    else
        snprintf(err->message, sizeof err->message, "%.100s: %.380s", name, what);
}

void spec_add_note(spec_doc *d, const char *fmt, ...)
{
    ss_buf b;
    buf_init(&b, 0);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    *XARRAY_PUSH(d->notes, d->n_notes, d->cap_notes) = buf_take(&b);
}

void spec_free(spec_doc *d)
{
    if (!d) return;
    arena_free(&d->arena);
    for (size_t i = 0; i < d->n_notes; i++)
        free(d->notes[i]);
    free(d->notes);
    for (size_t i = 0; i < d->n_ops; i++)
        free(d->ops[i].params);
    free(d->ops);
    free(d->schemes);
    free(d->servers);
    free(d->name);
    free(d);
}

static int detect_version(spec_doc *d, spec_error *err)
{
    if (d->root->kind != SPEC_MAP) {
        spec_set_error(err, d, SPEC_ERR_STRUCTURE, (int)d->root->line, (int)d->root->col, "%s",
                       "not an API description: the top level is not a mapping");
        return -1;
    }
    const spec_node *v = node_get(d->root, "openapi");
    bool swagger = false;
    if (!v) {
        v = node_get(d->root, "swagger");
        swagger = true;
    }
    if (!v) {
        spec_set_error(err, d, SPEC_ERR_VERSION, (int)d->root->line, (int)d->root->col, "%s",
                       "not an OpenAPI or Swagger document: no 'openapi' or 'swagger' field");
        return -1;
    }
    const char *s = node_str(v);
    d->version_str = s ? s : "?";
    d->version_line = v->line;
    if (s && swagger && strcmp(s, "2.0") == 0)
        d->version = SPEC_V2;
    else if (s && !swagger && strncmp(s, "3.0", 3) == 0 && (s[3] == '\0' || s[3] == '.'))
        d->version = SPEC_V30;
    else if (s && !swagger && strncmp(s, "3.1", 3) == 0 && (s[3] == '\0' || s[3] == '.'))
        d->version = SPEC_V31;
    else {
        spec_set_error(err, d, SPEC_ERR_VERSION, (int)v->line, (int)v->col,
                       "unsupported version %s '%.40s' (supported: Swagger 2.0, OpenAPI 3.0 "
                       "and 3.1)",
                       swagger ? "swagger" : "openapi", s ? s : "(not a string)");
        return -1;
    }
    return 0;
}

spec_doc *spec_load_buffer_limits(const char *data, size_t len, const char *name,
                                  const spec_limits *lim, spec_error *err)
{
    spec_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    if (!lim) lim = &spec_default_limits;
    spec_doc *d = xcalloc(1, sizeof *d);
    arena_init(&d->arena);
    d->name = xstrdup(name ? name : "spec");
    d->base_path = "";
    if (len > lim->max_bytes) {
        spec_set_error(err, d, SPEC_ERR_LIMIT, 0, 0,
                       "document is %zu bytes, over the %zu-byte limit (%zu MiB)", len,
                       lim->max_bytes, lim->max_bytes >> 20);
        spec_free(d);
        return NULL;
    }
    if (spec_parse_tree(d, data, len, lim, err) < 0 || detect_version(d, err) < 0 ||
        spec_check_refs(d, err) < 0 || spec_build_model(d, err) < 0) {
        spec_free(d);
        return NULL;
    }
    return d;
}

spec_doc *spec_load_buffer(const char *data, size_t len, const char *name, spec_error *err)
{
    return spec_load_buffer_limits(data, len, name, NULL, err);
}

static void io_error(spec_error *err, const char *path, const char *what)
{
    memset(err, 0, sizeof *err);
    err->kind = SPEC_ERR_IO;
    snprintf(err->message, sizeof err->message, "%.200s: %s", path, what);
}

spec_doc *spec_load_file(const char *path, spec_error *err)
{
    spec_error dummy;
    if (!err) err = &dummy;
    const size_t max = spec_default_limits.max_bytes;
    FILE *f = fopen(path, "rb");
    if (!f) {
        io_error(err, path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        io_error(err, path, "is a directory");
        fclose(f);
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        /* Refuse before reading: a 50 MB document costs nothing. */
        char what[160];
        snprintf(what, sizeof what, "document is %lld bytes, over the %zu-byte limit (%zu MiB)",
                 (long long)st.st_size, max, max >> 20);
        io_error(err, path, what);
        err->kind = SPEC_ERR_LIMIT;
        fclose(f);
        return NULL;
    }
    ss_buf b;
    buf_init(&b, max + 1);
    char chunk[65536];
    size_t n;
    int too_big = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(&b, chunk, n) < 0) {
            too_big = 1;
            break;
        }
    int rerr = ferror(f);
    fclose(f);
    spec_doc *d = NULL;
    if (rerr)
        io_error(err, path, "read error");
    else if (too_big) {
        char what[120];
        snprintf(what, sizeof what, "document is over the %zu-byte limit (%zu MiB)", max,
                 max >> 20);
        io_error(err, path, what);
        err->kind = SPEC_ERR_LIMIT;
    } else
        d = spec_load_buffer(b.data ? b.data : "", b.len, path, err);
    buf_free(&b);
    return d;
}

const char *spec_version_string(const spec_doc *d)
{
    return d->version_str;
}
size_t spec_operation_count(const spec_doc *d)
{
    return d->n_ops;
}
size_t spec_node_count(const spec_doc *d)
{
    return d->n_nodes;
}
size_t spec_note_count(const spec_doc *d)
{
    return d->n_notes;
}
const char *spec_note(const spec_doc *d, size_t i)
{
    return i < d->n_notes ? d->notes[i] : NULL;
}
