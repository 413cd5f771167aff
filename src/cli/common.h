/* What every command shares: secrets from env/file/stdin, report output and the exit code. */
#ifndef SS_CLI_COMMON_H
#define SS_CLI_COMMON_H
#include "cli/options.h"
#include "report/finding.h"
#include "report/gate.h"
#include "report/writer.h"

/* Output options every reporting command takes (embed in the command's config struct). */
typedef struct {
    char *json;         /* --json FILE|- */
    char *sarif;        /* --sarif FILE|- (GitHub code scanning) */
    char *html;         /* --html FILE|- */
    char *junit;        /* --junit FILE|- */
    char *md;           /* --md FILE|- (pull-request comment) */
    char *jsonl;        /* --jsonl FILE|- (one finding per line) */
    char *suppressions; /* --suppressions FILE (YAML) */
    char *baseline;     /* --baseline FILE (a previous --json report) */
    char *fail_on;      /* --fail-on SEVERITY */
    char *color;        /* --color auto|always|never */
    bool verbose;
    bool quiet;
    bool show_secrets;
    /* loaded by output_validate, released by output_free */
    ss_suppressions supp;
    ss_baseline base;
} ss_output_cfg;

/* NOLINTBEGIN(bugprone-macro-parentheses): type and field name a struct member for offsetof */
#define OUTPUT_OPTIONS(type, field)                                                                \
    {"json",                                                                                       \
     0,                                                                                            \
     OPT_STRING,                                                                                   \
     "FILE|-",                                                                                     \
     "write the JSON report to FILE (- = stdout)",                                                 \
     offsetof(type, field.json)},                                                                  \
        {"sarif",                                                                                  \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE|-",                                                                                 \
         "write SARIF 2.1.0 (GitHub code scanning) to FILE",                                       \
         offsetof(type, field.sarif)},                                                             \
        {"html",                                                                                   \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE|-",                                                                                 \
         "write a self-contained HTML report to FILE",                                             \
         offsetof(type, field.html)},                                                              \
        {"junit",                                                                                  \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE|-",                                                                                 \
         "write JUnit XML (one testcase per check) to FILE",                                       \
         offsetof(type, field.junit)},                                                             \
        {"md",                                                                                     \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE|-",                                                                                 \
         "write a Markdown summary (for a PR comment) to FILE",                                    \
         offsetof(type, field.md)},                                                                \
        {"jsonl",                                                                                  \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE|-",                                                                                 \
         "write one JSON finding per line to FILE",                                                \
         offsetof(type, field.jsonl)},                                                             \
        {"suppressions",                                                                           \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE",                                                                                   \
         "YAML list of {rule, url, reason, expires}: matches are reported as suppressed",          \
         offsetof(type, field.suppressions)},                                                      \
        {"baseline",                                                                               \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "FILE",                                                                                   \
         "a previous --json report: only findings not in it fail the run",                         \
         offsetof(type, field.baseline)},                                                          \
        {"fail-on",                                                                                \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "SEVERITY",                                                                               \
         "exit 1 for findings at or above info|low|medium|high|critical (default high)",           \
         offsetof(type, field.fail_on)},                                                           \
        {"color",                                                                                  \
         0,                                                                                        \
         OPT_STRING,                                                                               \
         "WHEN",                                                                                   \
         "colour on the terminal: auto|always|never",                                              \
         offsetof(type, field.color)},                                                             \
        {"show-secrets",                                                                           \
         0,                                                                                        \
         OPT_FLAG,                                                                                 \
         NULL,                                                                                     \
         "show session IDs in full (passwords never)",                                             \
         offsetof(type, field.show_secrets)},                                                      \
        {"verbose",                                                                                \
         'v',                                                                                      \
         OPT_FLAG,                                                                                 \
         NULL,                                                                                     \
         "progress on stderr; fixes and curl lines in the report",                                 \
         offsetof(type, field.verbose)},                                                           \
    {                                                                                              \
        "quiet", 'q', OPT_FLAG, NULL, "no report on the terminal (files are still written)",       \
            offsetof(type, field.quiet)                                                            \
    }
/* NOLINTEND(bugprone-macro-parentheses) */

/* Checks the output options and loads the suppressions and baseline files (before any request
 * is sent); -1 with a message for a usage error. */
int output_validate(ss_output_cfg *o, ss_severity *fail_on, char *err, size_t errlen);
/* Applies suppressions and baseline to the report, then writes the terminal report and every
 * requested file; -1 when a file could not be written (each failure has its message). */
int output_emit(ss_output_cfg *o, ss_report *r);
/* Releases what output_validate loaded (safe to call more than once). */
void output_free(ss_output_cfg *o);
/* The exit code for a finished run (DESIGN §4). */
int output_exit_code(const ss_report *r, ss_severity fail_on);

/* Reads the password from exactly one of the sources; -1 with a message otherwise. */
char *password_read(const char *env_var, const char *file, bool from_stdin, char *err,
                    size_t errlen);

/* Prints "sessionscan: <msg>" on stderr and returns code. */
int fail_usage(const char *cmd, const char *msg);

void install_interrupt_handler(void);

/* The frame every command shares: options from file, environment and argv into cfg (zeroed
 * first), --help, libcurl and SIGINT set up, body(cfg, positional arguments) run, all freed
 * (out: the command's output options, or NULL). */
typedef int (*ss_command_body)(void *cfg, const ss_strlist *positional);
int command_run(const char *name, const ss_optdef *defs, void *cfg, size_t cfg_size,
                ss_output_cfg *out, const char *usage, int argc, char **argv, ss_command_body body);

#endif
