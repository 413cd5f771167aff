/* Option tables and their three sources: a YAML --config file, SESSIONSCAN_* environment
 * variables and the command line, applied in that order so that the command line wins. */
#ifndef SS_OPTIONS_H
#define SS_OPTIONS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { OPT_FLAG, OPT_STRING, OPT_LIST, OPT_UINT, OPT_DOUBLE } ss_optkind;

typedef struct {
    const char *name; /* long name, also the config key and (upper-cased) the env suffix */
    char shortopt;    /* 0 for none */
    ss_optkind kind;
    const char *arg;  /* argument placeholder for --help, NULL for flags */
    const char *help; /* one line */
    size_t offset;    /* into the command's config struct */
} ss_optdef;

/* A list option's storage: NULL-terminated array of owned strings. */
typedef struct {
    char **items;
    size_t n, cap;
} ss_strlist;

void strlist_push(ss_strlist *l, const char *s);
void strlist_free(ss_strlist *l);

typedef struct {
    const ss_optdef *defs; /* terminated by a row with name == NULL */
    void *cfg;
    ss_strlist positional;
    const char *config_file; /* set by --config */
    bool help;
    char *error; /* the one message for a usage error */
} ss_optparse;

/* Applies the config file (if --config is on the command line), then the environment, then argv.
 * Returns 0, or -1 with op->error set (exit code 2). */
int options_parse(ss_optparse *op, int argc, char **argv);
void options_free(ss_optparse *op);
void options_free_cfg(const ss_optdef *defs, void *cfg);
void options_help(const ss_optdef *defs, const char *usage, FILE *out);

#endif
