/* The JSON report: every field a tool downstream needs, stable names. */
#include "report/artifact.h"
#include "report/escape.h"
#include "report/json_model.h"
#include "report/writer.h"
#include "util/utf8.h"

json_t *json_text(const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (!j) {
        char *clean = utf8_clean(s); /* JSON strings must be valid UTF-8; a target's may not be */
        j = json_string(clean);
        free(clean);
    }
    return j;
}

static json_t *strings(char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_text(items[i]));
    return a;
}

static json_t *rule_json(const ss_rule *r)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", r->id, "title", r->title, "cwe",
                     r->cwe, "owasp_api", r->owasp_api, "wstg", r->wstg, "asvs_4_0_3", r->asvs4,
                     "asvs_5_0", r->asvs5);
}

const char *baseline_state_name(ss_baseline_state s)
{
    static const char *const n[] = {NULL, "new", "unchanged", "absent"};
    return (unsigned)s < 4 ? n[s] : NULL;
}

json_t *finding_to_json(const ss_report *r, const ss_finding *f)
{
    char fp[SS_FINGERPRINT_LEN + 1];
    finding_fingerprint(r, f, fp);
    json_t *j = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:b}", "rule", f->rule->id, "severity",
                          severity_name(f->severity), "confidence", confidence_name(f->confidence),
                          "message", json_text(f->message), "location", json_text(f->location),
                          "check", f->check ? f->check : "", "suppressed", f->suppressed);
    if (f->line) json_object_set_new(j, "line", json_integer(f->line));
    json_object_set_new(j, "fingerprint", json_string(fp));
    json_object_set_new(j, "suppression",
                        f->suppressed ? json_pack("{s:o}", "reason", json_text(f->suppress_reason))
                                      : json_null());
    if (r->baselined && baseline_state_name(f->baseline))
        json_object_set_new(j, "baseline_state", json_string(baseline_state_name(f->baseline)));
    json_object_set_new(j, "references", rule_json(f->rule));
    json_object_set_new(j, "evidence", strings(f->evidence, f->n_evidence));
    json_object_set_new(j, "reproduce", json_text(f->reproduce));
    json_object_set_new(j, "remediation",
                        json_pack("{s:s, s:s, s:s}", "generic", f->rule->remediation, "express",
                                  f->rule->express, "dynamodb", f->rule->dynamodb));
    return j;
}

static json_t *checks_json(const ss_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_checks; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:i}", "check", r->checks[i].check,
                                           "status", check_status_name(r->checks[i].status),
                                           "reason", json_text(r->checks[i].reason), "requests",
                                           (json_int_t)r->checks[i].requests));
    return a;
}

int write_json(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    char grade[2] = {report_grade(r), 0};
    json_t *root = json_pack("{s:s, s:s, s:s, s:o, s:b}", "tool", "sessionscan", "version",
                             r->tool_version, "command", r->command, "target", json_text(r->target),
                             "complete", !r->incomplete);
    json_object_set_new(root, "grade", grade[0] ? json_string(grade) : json_null());
    json_object_set_new(root, "error", r->error ? json_text(r->error) : json_null());
    json_object_set_new(root, "session_cookie",
                        r->session_cookie ? json_text(r->session_cookie) : json_null());
    json_object_set_new(root, "oracle", r->oracle ? json_text(r->oracle) : json_null());
    json_object_set_new(root, "stats",
                        json_pack("{s:i, s:f, s:f}", "requests", (json_int_t)r->requests,
                                  "wall_seconds", r->wall_seconds, "target_seconds",
                                  r->target_seconds));
    json_t *fs = json_array();
    for (size_t i = 0; i < r->n_findings; i++)
        json_array_append_new(fs, finding_to_json(r, &r->findings[i]));
    json_object_set_new(root, "findings", fs);
    json_object_set_new(root, "checks", checks_json(r));
    if (r->extra_json) json_object_set(root, "analysis", (json_t *)r->extra_json);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    fputc('\n', out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? 0 : -1;
}
