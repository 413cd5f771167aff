#include "cli/options.h"
#include "cli/config_file.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strlist_push(ss_strlist *l, const char *s)
{
    if (l->n + 1 >= l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = xstrdup(s);
    l->items[l->n] = NULL;
}

void strlist_free(ss_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int fail(ss_optparse *op, const char *fmt, const char *a, const char *b)
{
    if (!op->error) op->error = xasprintf(fmt, a, b ? b : "");
    return -1;
}

static int set_value(ss_optparse *op, const ss_optdef *d, const char *value, const char *source)
{
    char *field = (char *)op->cfg + d->offset;
    char *end;
    switch (d->kind) {
    case OPT_FLAG: {
        bool on = !value || strcmp(value, "true") == 0 || strcmp(value, "1") == 0 ||
                  strcmp(value, "yes") == 0;
        if (value && !on && strcmp(value, "false") != 0 && strcmp(value, "0") != 0 &&
            strcmp(value, "no") != 0)
            return fail(op, "--%s (from %s) takes true or false", d->name, source);
        *(bool *)field = on;
        return 0;
    }
    case OPT_STRING:
        free(*(char **)field);
        *(char **)field = xstrdup(value);
        return 0;
    case OPT_LIST:
        strlist_push((ss_strlist *)field, value);
        return 0;
    case OPT_UINT: {
        errno = 0;
        unsigned long v = strtoul(value, &end, 10);
        if (errno || end == value || *end || value[0] == '-' || v > 100000000UL)
            return fail(op, "--%s expects a whole number, got '%s'", d->name, value);
        *(unsigned *)field = (unsigned)v;
        return 0;
    }
    case OPT_DOUBLE: {
        errno = 0;
        double v = strtod(value, &end);
        if (errno || end == value || (*end && strcmp(end, "/s") != 0) || v < 0 || v > 1e6)
            return fail(op, "--%s expects a positive number, got '%s'", d->name, value);
        memcpy(field, &v, sizeof v); /* field: a double inside the config struct */
        return 0;
    }
    }
    return 0;
}

static const ss_optdef *find_long(const ss_optdef *defs, const char *name, size_t n)
{
    for (const ss_optdef *d = defs; d->name; d++)
        if (strlen(d->name) == n && strncmp(d->name, name, n) == 0) return d;
    return NULL;
}

static const ss_optdef *find_short(const ss_optdef *defs, char c)
{
    for (const ss_optdef *d = defs; d->name; d++)
        if (d->shortopt == c) return d;
    return NULL;
}

/* Finds --config among the arguments first: the file is the lowest-precedence source. */
static void find_config(ss_optparse *op, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) return;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            op->config_file = argv[i + 1];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            op->config_file = argv[i] + 9;
    }
}

static int apply_env(ss_optparse *op)
{
    for (const ss_optdef *d = op->defs; d->name; d++) {
        char key[96] = "SESSIONSCAN_";
        size_t k = strlen(key);
        for (const char *p = d->name; *p && k + 1 < sizeof key; p++)
            key[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
        key[k] = '\0';
        const char *v = getenv(key);
        if (v && set_value(op, d, v, key) != 0) return -1;
    }
    return 0;
}

static int apply_argv(ss_optparse *op, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                strlist_push(&op->positional, argv[i]);
            break;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            op->help = true;
            continue;
        }
        if (strncmp(a, "--config", 8) == 0 && (a[8] == '\0' || a[8] == '=')) {
            i += a[8] == '\0';
            continue;
        }
        const ss_optdef *d;
        const char *value = NULL;
        if (a[0] == '-' && a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            d = find_long(op->defs, a + 2, n);
            if (!d) return fail(op, "unknown option '%s' (see --help)", a, NULL);
            value = eq ? eq + 1 : NULL;
        } else if (a[0] == '-' && a[1] && !a[2]) {
            d = find_short(op->defs, a[1]);
            if (!d) return fail(op, "unknown option '%s' (see --help)", a, NULL);
        } else {
            strlist_push(&op->positional, a);
            continue;
        }
        if (d->kind != OPT_FLAG && !value) {
            if (i + 1 >= argc) return fail(op, "--%s needs a value (%s)", d->name, d->arg);
            value = argv[++i];
        }
        if (set_value(op, d, value, "the command line") != 0) return -1;
    }
    return 0;
}

static int apply_file_entry(void *ctx, const char *key, const char *value, int line)
{
    ss_optparse *op = ctx;
    const ss_optdef *d = find_long(op->defs, key, strlen(key));
    if (!d) {
        char where[64];
        snprintf(where, sizeof where, "%d", line);
        return fail(op, "unknown key '%s' in the config file (line %s)", key, where);
    }
    return set_value(op, d, value, "the config file");
}

int options_parse(ss_optparse *op, int argc, char **argv)
{
    find_config(op, argc, argv);
    if (op->config_file) {
        char err[512];
        int rc = config_file_read(op->config_file, apply_file_entry, op, err, sizeof err);
        if (rc != 0) return op->error ? -1 : fail(op, "%s%s", err, NULL);
    }
    if (apply_env(op) != 0) return -1;
    return apply_argv(op, argc, argv);
}

void options_free(ss_optparse *op)
{
    strlist_free(&op->positional);
    free(op->error);
    op->error = NULL;
}

void options_free_cfg(const ss_optdef *defs, void *cfg)
{
    for (const ss_optdef *d = defs; d->name; d++) {
        char *field = (char *)cfg + d->offset;
        if (d->kind == OPT_STRING) {
            free(*(char **)field);
            *(char **)field = NULL;
        } else if (d->kind == OPT_LIST) {
            strlist_free((ss_strlist *)field);
        }
    }
}

void options_help(const ss_optdef *defs, const char *usage, FILE *out)
{
    fprintf(out, "usage: %s\n\noptions:\n", usage);
    for (const ss_optdef *d = defs; d->name; d++) {
        char left[64];
        if (d->shortopt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", d->shortopt, d->name, d->arg ? " " : "",
                     d->arg ? d->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", d->name, d->arg ? " " : "",
                     d->arg ? d->arg : "");
        fprintf(out, "  %-34s %s\n", left, d->help);
    }
    fputs("  --config FILE                      YAML file whose keys are long option names\n"
          "  -h, --help                         this help\n\n"
          "Every option may also come from the environment as SESSIONSCAN_<NAME> (e.g.\n"
          "SESSIONSCAN_MAX_REQUESTS); the command line wins over the environment, which wins\n"
          "over the config file.\n",
          out);
}
