#include "report/gate.h"
#include "report/artifact.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <fnmatch.h>
#include <jansson.h>
#include <time.h>
#include <yaml.h>

#define SUPPRESSIONS_MAX_BYTES (1 << 20)
#define SUPPRESSIONS_MAX 10000
#define BASELINE_MAX_BYTES (64 << 20)
#define BASELINE_MAX 100000

void gate_today(char *out, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, n, "%Y-%m-%d", &tm);
}

/* Reads a whole file of at most max bytes; NULL with a message otherwise. */
static char *slurp(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read %s", path);
        return NULL;
    }
    char *data = xmalloc(max + 1);
    size_t n = fread(data, 1, max + 1, f);
    int bad = ferror(f);
    (void)fclose(f); /* read-only: nothing to lose */
    if (bad || n > max) {
        snprintf(err, errlen, bad ? "cannot read %s" : "%s is larger than the %zu bytes allowed",
                 path, max);
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static char *upper(const char *s)
{
    char *u = xstrdup(s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

static bool rule_pattern_known(const char *pat)
{
    for (size_t i = 0; i < rule_count(); i++)
        if (fnmatch(pat, rule_at(i)->id, 0) == 0) return true;
    return false;
}

static const char *scalar(yaml_document_t *doc, yaml_node_t *n)
{
    (void)doc;
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* One {rule, url, reason, expires} mapping; -1 with a message naming file and line. */
static int load_entry(yaml_document_t *doc, yaml_node_t *map, const char *path, ss_suppression *s,
                      char *err, size_t errlen)
{
    s->line = (int)map->start_mark.line + 1;
    if (map->type != YAML_MAPPING_NODE) {
        snprintf(err, errlen,
                 "%s:%d: each suppression is a mapping with rule, url, reason and "
                 "optional expires",
                 path, s->line);
        return -1;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const char *k = scalar(doc, yaml_document_get_node(doc, p->key));
        const char *v = scalar(doc, yaml_document_get_node(doc, p->value));
        char **slot = !k                         ? NULL
                      : strcmp(k, "rule") == 0   ? &s->rule
                      : strcmp(k, "url") == 0    ? &s->url
                      : strcmp(k, "reason") == 0 ? &s->reason
                                                 : NULL;
        if (k && strcmp(k, "expires") == 0 && v && valid_date(v)) {
            snprintf(s->expires, sizeof s->expires, "%s", v);
        } else if (k && strcmp(k, "expires") == 0) {
            snprintf(err, errlen, "%s:%d: expires takes a date YYYY-MM-DD", path, s->line);
            return -1;
        } else if (!slot || !v || *slot) {
            snprintf(err, errlen,
                     "%s:%d: unexpected key '%s' (allowed: rule, url, reason, "
                     "expires, each once, with a text value)",
                     path, s->line, k ? k : "?");
            return -1;
        } else {
            *slot = strcmp(k, "rule") == 0 ? upper(v) : xstrdup(v);
        }
    }
    const char *reason = s->reason ? s->reason + strspn(s->reason, " \t\r\n") : "";
    if (!s->rule || !*reason) {
        snprintf(err, errlen, "%s:%d: every suppression needs %s", path, s->line,
                 !s->rule ? "a rule" : "a reason: say why the risk is accepted");
        return -1;
    }
    if (!rule_pattern_known(s->rule)) {
        snprintf(err, errlen, "%s:%d: rule '%s' matches no rule (see 'sessionscan checks')", path,
                 s->line, s->rule);
        return -1;
    }
    if (!s->url) s->url = xstrdup("*");
    return 0;
}

/* The list itself, or the list under a top-level "suppressions:" key. */
static yaml_node_t *entry_list(yaml_document_t *doc)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
             p++) {
            const char *k = scalar(doc, yaml_document_get_node(doc, p->key));
            if (k && strcmp(k, "suppressions") == 0) return yaml_document_get_node(doc, p->value);
        }
        return NULL;
    }
    return root;
}

static int load_doc(yaml_document_t *doc, const char *path, const char *today, ss_suppressions *s,
                    FILE *warn, char *err, size_t errlen)
{
    yaml_node_t *list = entry_list(doc);
    if (!list || list->type != YAML_SEQUENCE_NODE) {
        snprintf(err, errlen,
                 "%s: expected a list of suppressions (- rule: ..., url: ..., "
                 "reason: ...)",
                 path);
        return -1;
    }
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top;
         it++) {
        if (s->n >= SUPPRESSIONS_MAX) {
            snprintf(err, errlen, "%s: more than %d suppressions", path, SUPPRESSIONS_MAX);
            return -1;
        }
        ss_suppression *e = XARRAY_PUSH(s->items, s->n, s->cap);
        if (load_entry(doc, yaml_document_get_node(doc, *it), path, e, err, errlen) != 0) return -1;
        e->expired = e->expires[0] && strcmp(e->expires, today) < 0;
        if (e->expired && warn)
            fprintf(warn,
                    "sessionscan: %s:%d: the suppression of %s on %s expired on %s and "
                    "no longer applies\n",
                    path, e->line, e->rule, e->url, e->expires);
    }
    return 0;
}

int suppressions_parse(const char *data, size_t len, const char *name, const char *today,
                       ss_suppressions *s, FILE *warn, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (len > SUPPRESSIONS_MAX_BYTES) {
        snprintf(err, errlen, "%s is larger than the %d bytes allowed", name,
                 SUPPRESSIONS_MAX_BYTES);
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    int rc = -1;
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errlen, "%s:%zu: not valid YAML: %s", name, parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "parse error");
    } else {
        rc = load_doc(&doc, name, today, s, warn, err, errlen);
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    if (rc != 0) suppressions_free(s);
    return rc;
}

int suppressions_load(const char *path, const char *today, ss_suppressions *s, FILE *warn,
                      char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    size_t len;
    char *data = slurp(path, SUPPRESSIONS_MAX_BYTES, &len, err, errlen);
    if (!data) return -1;
    int rc = suppressions_parse(data, len, path, today, s, warn, err, errlen);
    free(data);
    return rc;
}

static bool suppression_matches(const ss_suppression *s, const ss_report *r, const ss_finding *f)
{
    if (s->expired || fnmatch(s->rule, f->rule->id, 0) != 0) return false;
    const char *loc = *f->location ? f->location : "/";
    char *full = xasprintf("%s%s", r->target, loc);
    bool ok = fnmatch(s->url, loc, 0) == 0 || fnmatch(s->url, full, 0) == 0;
    free(full);
    return ok;
}

void suppressions_apply(const ss_suppressions *s, ss_report *r)
{
    for (size_t i = 0; i < r->n_findings; i++) {
        ss_finding *f = &r->findings[i];
        for (size_t k = 0; k < s->n && !f->suppressed; k++)
            if (suppression_matches(&s->items[k], r, f)) {
                f->suppressed = true;
                free(f->suppress_reason);
                f->suppress_reason = xstrdup(s->items[k].reason);
            }
    }
}

void suppressions_free(ss_suppressions *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].rule);
        free(s->items[i].url);
        free(s->items[i].reason);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}

static const char *str_field(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int load_findings(json_t *root, const char *path, ss_baseline *b, char *err, size_t errlen)
{
    const char *target = str_field(root, "target");
    json_t *fs = json_object_get(root, "findings");
    if (!target || !json_is_array(fs) || json_array_size(fs) > BASELINE_MAX) {
        snprintf(err, errlen, "%s is not a sessionscan JSON report (--json output)", path);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(fs); i++) {
        json_t *f = json_array_get(fs, i);
        const char *rule = str_field(f, "rule"), *loc = str_field(f, "location");
        const char *fp = str_field(f, "fingerprint"), *msg = str_field(f, "message");
        json_t *line = json_object_get(f, "line");
        if (!rule || !loc) {
            snprintf(err, errlen, "%s: finding %zu has no rule or location", path, i + 1);
            return -1;
        }
        ss_baseline_entry *e = XARRAY_PUSH(b->items, b->n, b->cap);
        e->line = json_is_integer(line) ? (int)json_integer_value(line) : 0;
        if (fp && strlen(fp) == SS_FINGERPRINT_LEN)
            memcpy(e->fingerprint, fp, SS_FINGERPRINT_LEN + 1);
        else
            fingerprint_of(rule, target, loc, e->line, e->fingerprint);
        e->rule = xstrdup(rule);
        e->location = xstrdup(loc);
        e->message = xstrdup(msg ? msg : "");
    }
    return 0;
}

int baseline_parse(const char *data, size_t len, const char *name, ss_baseline *b, char *err,
                   size_t errlen)
{
    memset(b, 0, sizeof *b);
    json_error_t je;
    json_t *root = len <= BASELINE_MAX_BYTES ? json_loadb(data, len, 0, &je) : NULL;
    int rc = -1;
    if (!root)
        snprintf(err, errlen, "%s:%d: not valid JSON: %s", name, je.line, je.text);
    else if (!json_is_object(root) || !str_field(root, "tool") ||
             strcmp(str_field(root, "tool"), "sessionscan") != 0)
        snprintf(err, errlen, "%s is not a sessionscan JSON report (--json output)", name);
    else
        rc = load_findings(root, name, b, err, errlen);
    json_decref(root);
    if (rc != 0) baseline_free(b);
    return rc;
}

int baseline_load(const char *path, ss_baseline *b, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    size_t len;
    char *data = slurp(path, BASELINE_MAX_BYTES, &len, err, errlen);
    if (!data) return -1;
    int rc = baseline_parse(data, len, path, b, err, errlen);
    free(data);
    return rc;
}

void baseline_apply(ss_baseline *b, ss_report *r)
{
    r->baselined = true;
    size_t current = r->n_findings;
    for (size_t i = 0; i < current; i++) {
        char fp[SS_FINGERPRINT_LEN + 1];
        finding_fingerprint(r, &r->findings[i], fp);
        r->findings[i].baseline = BASELINE_NEW;
        for (size_t k = 0; k < b->n; k++)
            if (strcmp(b->items[k].fingerprint, fp) == 0) {
                b->items[k].matched = true;
                r->findings[i].baseline = BASELINE_UNCHANGED;
            }
    }
    for (size_t k = 0; k < b->n; k++) {
        ss_baseline_entry *e = &b->items[k];
        if (e->matched || !rule_find(e->rule))
            continue; /* a rule that no longer exists cannot be shown */
        ss_finding *f = report_add(r, e->rule, CONF_FIRM, e->location, "%s", e->message);
        f->line = e->line;
        f->baseline = BASELINE_ABSENT;
    }
}

void baseline_free(ss_baseline *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].rule);
        free(b->items[i].location);
        free(b->items[i].message);
    }
    free(b->items);
    memset(b, 0, sizeof *b);
}
