/* sessionscan spec FILE|URL: review an API description; --plan prints the scan plan it implies. */
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/spec_source.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    bool plan, insecure;
    char *cacert;
    ss_output_cfg out;
} spec_cfg;

#define F(field) offsetof(spec_cfg, field)
static const ss_optdef spec_opts[] = {
    {"plan", 0, OPT_FLAG, NULL, "print the scan plan derived from the description instead",
     F(plan)},
    {"insecure", 'k', OPT_FLAG, NULL, "do not verify TLS when fetching a URL", F(insecure)},
    {"cacert", 0, OPT_STRING, "FILE", "trust the CA certificates in FILE", F(cacert)},
    OUTPUT_OPTIONS(spec_cfg, out),
    {NULL, 0, OPT_FLAG, NULL, NULL, 0},
};
#undef F

static const char *usage_line = "sessionscan spec FILE|URL [--plan] [--json FILE]";

static int spec_main(spec_cfg *c, const ss_strlist *pos)
{
    char err[512];
    ss_severity fail_on;
    if (pos->n != 1) {
        snprintf(err, sizeof err, "spec takes one API description (file or URL): %s", usage_line);
        return fail_usage("spec", err);
    }
    if (output_validate(&c->out, &fail_on, err, sizeof err) != 0) return fail_usage("spec", err);
    spec_error se;
    spec_doc *d = spec_source_load(pos->items[0], c->insecure, c->cacert, &se);
    if (!d) return fail_usage("spec", se.message);
    int rc;
    if (c->plan) {
        spec_plan plan;
        rc = spec_derive_plan(d, &plan) == 0 ? EXIT_CLEAN : EXIT_INCOMPLETE;
        spec_plan_print(&plan, stdout);
        spec_plan_free(&plan);
    } else {
        ss_report rep;
        char *name = spec_source_name(pos->items[0]);
        report_init(&rep, "spec", name);
        spec_review(d, name, &rep);
        rc = output_emit(&c->out, &rep) != 0 ? EXIT_USAGE : output_exit_code(&rep, fail_on);
        report_free(&rep);
        free(name);
    }
    spec_free(d);
    return rc;
}

static int spec_body(void *cfg, const ss_strlist *pos)
{
    return spec_main(cfg, pos);
}

int cmd_spec(int argc, char **argv)
{
    spec_cfg cfg;
    return command_run("spec", spec_opts, &cfg, sizeof cfg, &cfg.out, usage_line, argc, argv,
                       spec_body);
}
