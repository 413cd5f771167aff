#include "cli/common.h"
#include "cli/commands.h"
#include "http/client.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <curl/curl.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD_MAX 4096

#define N_FILES 6
static const char *const file_formats[N_FILES] = {"json", "sarif", "html", "junit", "md", "jsonl"};

static void file_paths(const ss_output_cfg *o, const char *paths[N_FILES])
{
    paths[0] = o->json, paths[1] = o->sarif, paths[2] = o->html;
    paths[3] = o->junit, paths[4] = o->md, paths[5] = o->jsonl;
}

static int validate_files(const ss_output_cfg *o, char *err, size_t errlen)
{
    const char *paths[N_FILES];
    file_paths(o, paths);
    int to_stdout = 0;
    for (int i = 0; i < N_FILES; i++) {
        if (paths[i] && !*paths[i]) {
            snprintf(err, errlen, "--%s needs a file name (or - for standard output)",
                     file_formats[i]);
            return -1;
        }
        to_stdout += paths[i] && strcmp(paths[i], "-") == 0;
        for (int k = 0; k < i; k++)
            if (paths[i] && paths[k] && strcmp(paths[i], "-") != 0 &&
                strcmp(paths[i], paths[k]) == 0) {
                snprintf(err, errlen, "--%s and --%s both write %s: give each its own file",
                         file_formats[k], file_formats[i], paths[i]);
                return -1;
            }
    }
    if (to_stdout > 1) {
        snprintf(err, errlen, "only one report can go to standard output (-)");
        return -1;
    }
    return 0;
}

static int load_gates(ss_output_cfg *o, char *err, size_t errlen)
{
    char today[16];
    gate_today(today, sizeof today);
    if (o->suppressions &&
        suppressions_load(o->suppressions, today, &o->supp, stderr, err, errlen) != 0)
        return -1;
    if (o->baseline && baseline_load(o->baseline, &o->base, err, errlen) != 0) return -1;
    return 0;
}

void output_free(ss_output_cfg *o)
{
    suppressions_free(&o->supp);
    baseline_free(&o->base);
}

int output_validate(ss_output_cfg *o, ss_severity *fail_on, char *err, size_t errlen)
{
    *fail_on = SEV_HIGH;
    if (o->fail_on && severity_parse(o->fail_on, fail_on) != 0) {
        snprintf(err, errlen, "--fail-on takes info, low, medium, high or critical, not '%s'",
                 o->fail_on);
        return -1;
    }
    if (o->color && strcmp(o->color, "auto") != 0 && strcmp(o->color, "always") != 0 &&
        strcmp(o->color, "never") != 0) {
        snprintf(err, errlen, "--color takes auto, always or never, not '%s'", o->color);
        return -1;
    }
    if (o->verbose && o->quiet) {
        snprintf(err, errlen, "--verbose and --quiet contradict each other: pick one");
        return -1;
    }
    if (validate_files(o, err, errlen) != 0 || load_gates(o, err, errlen) != 0) return -1;
    redact_show_secrets(o->show_secrets);
    return 0;
}

static bool use_color(const ss_output_cfg *o, FILE *f)
{
    if (o->color && strcmp(o->color, "always") == 0) return true;
    if ((o->color && strcmp(o->color, "never") == 0) || getenv("NO_COLOR")) return false;
    return isatty(fileno(f)) && isatty(STDERR_FILENO);
}

int output_emit(ss_output_cfg *o, ss_report *r)
{
    char err[512];
    const char *paths[N_FILES];
    file_paths(o, paths);
    report_sort(r);
    if (o->suppressions) suppressions_apply(&o->supp, r);
    if (o->baseline) baseline_apply(&o->base, r);
    bool file_stdout = false;
    int rc = 0;
    /* Every file is attempted even when one fails, so one bad path costs one report. */
    for (int i = 0; i < N_FILES; i++) {
        if (!paths[i]) continue;
        file_stdout |= strcmp(paths[i], "-") == 0;
        ss_write_opts wo = {false, o->verbose};
        if (report_write_path(writer_find(file_formats[i]), r, paths[i], &wo, err, sizeof err) !=
            0) {
            fprintf(stderr, "sessionscan: %s\n", err);
            rc = -1;
        }
    }
    if (!o->quiet) {
        FILE *term = file_stdout ? stderr : stdout;
        ss_write_opts wo = {use_color(o, term), o->verbose};
        write_text(term, r, &wo);
    }
    return rc;
}

int output_exit_code(const ss_report *r, ss_severity fail_on)
{
    if (ss_interrupted) return EXIT_INTERRUPTED;
    if (r->incomplete) return EXIT_INCOMPLETE;
    if (report_gate_severity(r) >= (int)fail_on) return EXIT_FINDINGS;
    for (size_t i = 0; i < r->n_checks; i++)
        if (r->checks[i].status == CHECK_INCONCLUSIVE) return EXIT_INCOMPLETE;
    return EXIT_CLEAN;
}

static char *read_line(FILE *f)
{
    char *line = xcalloc(1, PASSWORD_MAX + 2);
    if (!fgets(line, PASSWORD_MAX + 2, f)) {
        free(line);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    return line;
}

char *password_read(const char *env_var, const char *file, bool from_stdin, char *err,
                    size_t errlen)
{
    int sources = (env_var != NULL) + (file != NULL) + from_stdin;
    if (sources == 0) {
        snprintf(err, errlen,
                 "no password given: use --password-env VAR, --password-file FILE "
                 "or --password-stdin (never on the command line)");
        return NULL;
    }
    if (sources > 1) {
        snprintf(err, errlen,
                 "give the password one way only: --password-env, --password-file "
                 "or --password-stdin");
        return NULL;
    }
    char *pw = NULL;
    if (env_var) {
        const char *v = getenv(env_var);
        if (!v || !*v)
            snprintf(err, errlen, "--password-env %s: that environment variable is not set",
                     env_var);
        else if (strlen(v) > PASSWORD_MAX)
            snprintf(err, errlen, "--password-env %s: longer than %d bytes", env_var, PASSWORD_MAX);
        else
            pw = xstrdup(v);
    } else {
        FILE *f = file ? fopen(file, "r") : stdin;
        if (!f) {
            snprintf(err, errlen, "--password-file %s: cannot read it", file);
            return NULL;
        }
        pw = read_line(f);
        if (file) (void)fclose(f); /* read only: nothing to lose */
        if (!pw || !*pw) {
            snprintf(err, errlen, "%s is empty", file ? file : "standard input");
            free(pw);
            pw = NULL;
        }
    }
    if (pw) redact_register(pw, SECRET_PASSWORD);
    return pw;
}

int fail_usage(const char *cmd, const char *msg)
{
    fprintf(stderr, "sessionscan %s: %s\n", cmd, msg);
    return EXIT_USAGE;
}

static void on_sigint(int sig)
{
    (void)sig;
    ss_interrupted = 1;
}

void install_interrupt_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int command_run(const char *name, const ss_optdef *defs, void *cfg, size_t cfg_size,
                ss_output_cfg *out, const char *usage, int argc, char **argv, ss_command_body body)
{
    memset(cfg, 0, cfg_size);
    ss_optparse op = {.defs = defs, .cfg = cfg};
    int rc;
    if (options_parse(&op, argc, argv) != 0) {
        rc = fail_usage(name, op.error);
    } else if (op.help) {
        options_help(defs, usage, stdout);
        rc = EXIT_CLEAN;
    } else {
        install_interrupt_handler();
        curl_global_init(CURL_GLOBAL_DEFAULT);
        rc = body(cfg, &op.positional);
        curl_global_cleanup();
    }
    options_free(&op);
    options_free_cfg(defs, cfg);
    if (out) output_free(out);
    return rc;
}
