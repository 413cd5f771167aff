/* The HTML report: one self-contained file (no script, no font, no network: a CSP forbids it)
 * that a person reads: the grade, a summary, each finding with its attack drawn, the redacted
 * evidence and the fix. */
#include "report/escape.h"
#include "report/html_parts.h"
#include "report/writer.h"

#include <string.h>

static const char *const css =
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d232b;"
    "background:#f4f6f8}main{max-width:960px;margin:0 auto;padding:24px}"
    "header{display:flex;gap:20px;align-items:center;background:#fff;padding:20px;"
    "border-radius:10px;box-shadow:0 1px 3px #0002}"
    ".grade{font-size:56px;font-weight:700;width:90px;height:90px;border-radius:12px;"
    "display:flex;align-items:center;justify-content:center;color:#fff}"
    ".gA{background:#2e7d32}.gB{background:#689f38}.gC{background:#f9a825}.gD{background:#ef6c00}"
    ".gF{background:#c62828}.gnone{background:#607d8b;font-size:22px}"
    "section{background:#fff;border-radius:10px;padding:16px 20px;margin-top:18px;"
    "box-shadow:0 1px 3px #0002}article{border-top:2px solid "
    "#e3e6ea;padding-top:8px;margin-top:18px}h1{margin:0;font-size:22px}h2{margin-top:0}"
    "table{border-collapse:collapse;width:100%}table.kv "
    "th{width:170px}td,th{text-align:left;padding:4px 8px;"
    "border-bottom:1px solid #e3e6ea;vertical-align:top}"
    ".sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;"
    "font-weight:600;text-transform:uppercase}.critical{background:#b71c1c}.high{background:#"
    "e64a19}"
    ".medium{background:#f9a825;color:#222}.low{background:#1976d2}.info{background:#607d8b}"
    ".tag{display:inline-block;background:#eceff1;border-radius:4px;padding:0 6px;margin:2px;"
    "font-size:12px}pre{background:#263238;color:#eceff1;padding:10px;border-radius:6px;"
    "overflow-x:auto;font-size:13px}code{font-family:ui-monospace,Menlo,Consolas,monospace}"
    "p code{background:#eceff1;padding:0 3px;border-radius:3px}"
    ".error{border-left:6px solid #c62828}.muted{color:#607d8b}.supp{opacity:.7}"
    "figure.seq{margin:10px 0;overflow-x:auto}svg text{font:12px system-ui,sans-serif}"
    ".actor{fill:#eceff1;stroke:#90a4ae}.a0{fill:#ffebee;stroke:#c62828}"
    ".a1{fill:#e3f2fd;stroke:#1565c0}.aname{font-weight:700}"
    ".life{stroke:#b0bec5;stroke-dasharray:4 4}.req{stroke:#37474f;stroke-width:1.5}"
    ".resp{stroke:#78909c;stroke-width:1.2;stroke-dasharray:6 3}.head{fill:#37474f}"
    ".lbl{fill:#1d232b}.extra{fill:#607d8b;font-size:11px}.note{fill:#6a1b9a;font-style:italic}"
    ".num{fill:#37474f}.numt{fill:#fff;font-weight:700}.bar{fill:#1976d2}.axis{fill:#607d8b}"
    "ol.ev li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;"
    "word-break:break-all;margin-bottom:4px}";

static void esc(FILE *out, const char *s)
{
    xml_escape(out, s ? s : "");
}

static void head(FILE *out, const ss_report *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>sessionscan report: ",
          out);
    esc(out, r->target);
    fprintf(out, "</title>\n<style>%s</style></head>\n<body><main>\n", css);
}

static void grade_header(FILE *out, const ss_report *r)
{
    char g[2] = {report_grade(r), 0};
    fprintf(out, "<header id=\"grade\"><div class=\"grade g%s\" title=\"grade\">%s</div><div>",
            g[0] ? g : "none", g[0] ? g : "no grade");
    fputs("<h1>sessionscan report</h1><div>", out);
    esc(out, r->command);
    fputs(" of <strong>", out);
    esc(out, r->target);
    fputs("</strong></div>", out);
    if (r->incomplete) {
        fputs("<div class=\"muted\">Incomplete scan: no grade. ", out);
        esc(out, r->error);
        fputs("</div>", out);
    } else {
        fputs("<div class=\"muted\">Grade A (best) to F from the findings' severities "
              "(docs/grading.md).</div>",
              out);
    }
    fputs("</div></header>\n", out);
}

static void counts(FILE *out, const ss_report *r)
{
    size_t n[5] = {0}, supp = 0;
    for (size_t i = 0; i < r->n_findings; i++)
        if (finding_counts(&r->findings[i]))
            n[r->findings[i].severity]++;
        else if (r->findings[i].suppressed)
            supp++;
    fputs("<p>", out);
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        fprintf(out, "<span class=\"sev %s\">%zu %s</span> ", severity_name((ss_severity)s), n[s],
                severity_name((ss_severity)s));
    if (supp) fprintf(out, "<span class=\"tag\">%zu suppressed</span>", supp);
    fputs("</p>\n", out);
}

static void row(FILE *out, const char *k, const char *v)
{
    fprintf(out, "<tr><th>%s</th><td>", k);
    esc(out, v);
    fputs("</td></tr>\n", out);
}

static void summary(FILE *out, const ss_report *r)
{
    fputs("<section id=\"summary\"><h2>Summary</h2>\n", out);
    if (r->incomplete) {
        fputs("<p class=\"error\">&nbsp;The scan did not finish: ", out);
        esc(out, r->error);
        fputs("</p>\n", out);
    }
    counts(out, r);
    char stats[128];
    snprintf(stats, sizeof stats, "%u requests in %.2f s (target %.2f s)", r->requests,
             r->wall_seconds, r->target_seconds);
    fputs("<table class=\"kv\">\n", out);
    row(out, "Target", r->target);
    row(out, "Session cookie", r->session_cookie ? r->session_cookie : "not identified");
    row(out, "Logged-in oracle", r->oracle ? r->oracle : "none");
    row(out, "Requests", stats);
    row(out, "Version", r->tool_version);
    fputs("</table>\n", out);
    if (r->n_checks) {
        fputs("<h3>Checks</h3><table><tr><th>Check</th><th>Status</th><th>Why</th></tr>\n", out);
        for (size_t i = 0; i < r->n_checks; i++) {
            fputs("<tr><td>", out);
            esc(out, r->checks[i].check);
            fprintf(out, "</td><td>%s</td><td>", check_status_name(r->checks[i].status));
            esc(out, r->checks[i].reason);
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n", out);
    }
    fputs("</section>\n", out);
}

static void references(FILE *out, const ss_rule *rule)
{
    fputs("<p>", out);
    const char *labels[] = {"CWE-", "OWASP ", "", "ASVS 4.0.3 ", "ASVS 5.0 "};
    const char *values[] = {rule->cwe, rule->owasp_api, rule->wstg, rule->asvs4, rule->asvs5};
    for (int i = 0; i < 5; i++) {
        if (!values[i] || !*values[i]) continue;
        fprintf(out, "<span class=\"tag\">%s", labels[i]);
        esc(out, values[i]);
        fputs("</span>", out);
    }
    fputs("</p>\n", out);
}

static void remediation(FILE *out, const ss_rule *rule)
{
    fputs("<h4>Fix</h4>\n", out);
    html_markdown(out, rule->remediation);
    if (*rule->express) {
        fputs("<h4>Express</h4>\n", out);
        html_markdown(out, rule->express);
    }
    if (*rule->dynamodb) {
        fputs("<h4>DynamoDB</h4>\n", out);
        html_markdown(out, rule->dynamodb);
    }
}

static void finding(FILE *out, const ss_finding *f, size_t idx)
{
    fprintf(out,
            "<article class=\"finding%s\" id=\"finding-%zu\">\n<h3><span class=\"sev %s\">%s"
            "</span> ",
            f->suppressed ? " supp" : "", idx + 1, severity_name(f->severity),
            severity_name(f->severity));
    esc(out, f->rule->id);
    fputs(": ", out);
    esc(out, f->rule->title);
    fputs("</h3>\n<p><span class=\"tag\">", out);
    esc(out, confidence_name(f->confidence));
    fputs("</span> at <code>", out);
    esc(out, *f->location ? f->location : "/");
    fputs("</code>", out);
    if (f->suppressed) {
        fputs(" <span class=\"tag\">suppressed: ", out);
        esc(out, f->suppress_reason);
        fputs("</span>", out);
    }
    static const char *const states[] = {"", "new", "unchanged since baseline",
                                         "fixed since baseline"};
    if (f->baseline != BASELINE_NONE)
        fprintf(out, " <span class=\"tag\">%s</span>", states[f->baseline]);
    fputs("</p>\n<p>", out);
    esc(out, f->message);
    fputs("</p>\n", out);
    references(out, f->rule);
    html_sequence(out, f, idx + 1);
    if (f->n_evidence) {
        fputs("<h4>Evidence</h4><ol class=\"ev\">\n", out);
        for (size_t i = 0; i < f->n_evidence; i++) {
            fputs("<li>", out);
            esc(out, f->evidence[i]);
            fputs("</li>\n", out);
        }
        fputs("</ol>\n", out);
    }
    if (*f->reproduce) {
        fputs("<h4>Reproduce</h4><pre><code>", out);
        esc(out, f->reproduce);
        fputs("</code></pre>\n", out);
    }
    remediation(out, f->rule);
    fputs("</article>\n", out);
}

int write_html(FILE *out, const ss_report *r, const ss_write_opts *o)
{
    (void)o;
    head(out, r);
    grade_header(out, r);
    summary(out, r);
    fputs("<section id=\"findings\"><h2>Findings</h2>\n", out);
    if (r->n_findings == 0)
        fputs(r->incomplete ? "<p>None found before the scan stopped: this is not a clean "
                              "result.</p>\n"
                            : "<p>No session-management weakness found.</p>\n",
              out);
    for (size_t i = 0; i < r->n_findings; i++)
        finding(out, &r->findings[i], i);
    fputs("</section>\n", out);
    html_tokens(out, r->extra_json);
    fprintf(out,
            "<footer class=\"muted\"><p>sessionscan %s. Secrets are redacted; session IDs "
            "are shortened.</p></footer>\n</main></body></html>\n",
            r->tool_version);
    return ferror(out) ? -1 : 0;
}
