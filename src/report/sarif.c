/* SARIF 2.1.0 for GitHub code scanning: every rule of the catalogue with its help, results with
 * repository-relative locations (never http:// URIs) and our own stable fingerprints. */
#include "report/artifact.h"
#include "report/json_model.h"
#include "report/writer.h"
#include "util/buf.h"

#include <jansson.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "sessionscan/v1"

/* critical 9.x, high 7-8.9, medium 4-6.9, low 0.1-3.9; info carries none. */
static const char *security_severity(ss_severity s)
{
    static const char *const v[] = {NULL, "3.0", "5.5", "8.0", "9.5"};
    return (unsigned)s < 5 ? v[s] : NULL;
}

static const char *sarif_level(ss_severity s)
{
    return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "note";
}

/* "SS-FIX-CONFIRMED" -> "FixConfirmed": SARIF wants a readable identifier beside the id. */
static char *rule_name(const char *id)
{
    ss_buf b;
    buf_init(&b, 0);
    const char *p = strncmp(id, "SS-", 3) == 0 ? id + 3 : id;
    int up = 1;
    for (; *p; p++) {
        if (*p == '-') {
            up = 1;
            continue;
        }
        char c = *p;
        if (up && c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        else if (!up && c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        buf_append(&b, &c, 1);
        up = 0;
    }
    return buf_take(&b);
}

/* The rule document without its front matter: the Markdown help GitHub shows. */
static const char *doc_body(const char *doc)
{
    if (strncmp(doc, "---\n", 4) != 0) return doc;
    const char *end = strstr(doc + 4, "\n---\n");
    return end ? end + 5 : doc;
}

static void add_cwe_tags(json_t *tags, const char *cwe)
{
    const char *p = cwe;
    while (*p) {
        size_t skip = strcspn(p, "0123456789");
        p += skip;
        size_t n = strspn(p, "0123456789");
        if (n == 0) break;
        char tag[64];
        snprintf(tag, sizeof tag, "external/cwe/cwe-%.*s", (int)(n < 10 ? n : 10), p);
        json_array_append_new(tags, json_string(tag));
        p += n;
    }
}

static char *help_text(const ss_rule *r)
{
    ss_buf b;
    buf_init(&b, 0);
    buf_printf(&b, "%s\n\nRemediation:\n%s", r->summary, r->remediation);
    if (*r->express) buf_printf(&b, "\n\nExpress:\n%s", r->express);
    if (*r->dynamodb) buf_printf(&b, "\n\nDynamoDB:\n%s", r->dynamodb);
    return buf_take(&b);
}

static json_t *rule_json(const ss_rule *r)
{
    char *name = rule_name(r->id), *text = help_text(r);
    json_t *tags = json_pack("[s]", "security");
    add_cwe_tags(tags, r->cwe);
    json_t *props = json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:s}", "tags", tags, "severity",
                              severity_name(r->severity), "cwe", r->cwe, "owasp_api", r->owasp_api,
                              "wstg", r->wstg, "asvs_4_0_3", r->asvs4, "asvs_5_0", r->asvs5);
    if (security_severity(r->severity))
        json_object_set_new(props, "security-severity",
                            json_string(security_severity(r->severity)));
    json_t *j =
        json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:o}", "id", r->id, "name",
                  name, "shortDescription", "text", r->title, "fullDescription", "text", r->summary,
                  "help", "text", text, "markdown", doc_body(r->doc), "defaultConfiguration",
                  "level", sarif_level(r->severity), "properties", props);
    free(name);
    free(text);
    return j;
}

static size_t rule_index(const ss_rule *r)
{
    for (size_t i = 0; i < rule_count(); i++)
        if (rule_at(i) == r) return i;
    return 0;
}

static json_t *result_json(const ss_report *r, const ss_finding *f)
{
    char fp[SS_FINGERPRINT_LEN + 1];
    finding_fingerprint(r, f, fp);
    char *uri = finding_artifact_uri(r->target, f);
    ss_buf msg;
    buf_init(&msg, 0);
    buf_printf(&msg, "%s (%s, %s) %s", f->rule->title, severity_name(f->severity),
               confidence_name(f->confidence), f->message);
    json_t *ev = json_array();
    for (size_t i = 0; i < f->n_evidence; i++)
        json_array_append_new(ev, json_text(f->evidence[i]));
    json_t *j = json_pack(
        "{s:s, s:I, s:s, s:{s:o}, s:[{s:{s:{s:s}, s:{s:i}}, s:[{s:o}]}], s:{s:s}, s:{s:s, s:s, "
        "s:o, s:s, s:o}}",
        "ruleId", f->rule->id, "ruleIndex", (json_int_t)rule_index(f->rule), "level",
        sarif_level(f->severity), "message", "text", json_text(msg.data), "locations",
        "physicalLocation", "artifactLocation", "uri", uri, "region", "startLine",
        f->line > 0 ? f->line : 1, "logicalLocations", "fullyQualifiedName",
        json_text(*f->location ? f->location : "/"), "partialFingerprints", FINGERPRINT_KEY, fp,
        "properties", "severity", severity_name(f->severity), "confidence",
        confidence_name(f->confidence), "location", json_text(f->location), "check",
        f->check ? f->check : "", "evidence", ev);
    if (security_severity(f->severity))
        json_object_set_new(json_object_get(j, "properties"), "security-severity",
                            json_string(security_severity(f->severity)));
    if (f->suppressed)
        json_object_set_new(j, "suppressions",
                            json_pack("[{s:s, s:s, s:o}]", "kind", "external", "status", "accepted",
                                      "justification", json_text(f->suppress_reason)));
    if (r->baselined && baseline_state_name(f->baseline))
        json_object_set_new(j, "baselineState", json_string(baseline_state_name(f->baseline)));
    free(uri);
    buf_free(&msg);
    return j;
}

static json_t *invocation_json(const ss_report *r)
{
    json_t *inv = json_pack("{s:b}", "executionSuccessful", !r->incomplete);
    if (r->incomplete)
        json_object_set_new(inv, "toolExecutionNotifications",
                            json_pack("[{s:s, s:{s:o}}]", "level", "error", "message", "text",
                                      json_text(r->error ? r->error : "the scan did not finish")));
    return inv;
}

static json_t *run_properties(const ss_report *r)
{
    char grade[2] = {report_grade(r), 0};
    json_t *p = json_pack("{s:s, s:o, s:b}", "command", r->command, "target", json_text(r->target),
                          "complete", !r->incomplete);
    json_object_set_new(p, "grade", grade[0] ? json_string(grade) : json_null());
    if (r->session_cookie) json_object_set_new(p, "sessionCookie", json_text(r->session_cookie));
    json_object_set_new(p, "requests", json_integer((json_int_t)r->requests));
    return p;
}

int write_sarif(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    json_t *rules = json_array();
    for (size_t i = 0; i < rule_count(); i++)
        json_array_append_new(rules, rule_json(rule_at(i)));
    json_t *results = json_array();
    for (size_t i = 0; i < r->n_findings; i++)
        json_array_append_new(results, result_json(r, &r->findings[i]));
    json_t *run =
        json_pack("{s:{s:{s:s, s:s, s:s, s:o}}, s:[o], s:s, s:o, s:o}", "tool", "driver", "name",
                  "sessionscan", "version", r->tool_version, "semanticVersion", r->tool_version,
                  "rules", rules, "invocations", invocation_json(r), "columnKind", "utf16CodeUnits",
                  "results", results, "properties", run_properties(r));
    json_t *root =
        json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", run);
    int rc = root ? json_dumpf(root, out, JSON_INDENT(2) | JSON_ENSURE_ASCII) : -1;
    fputc('\n', out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? 0 : -1;
}
