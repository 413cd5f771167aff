/* OpenAPI 3.0/3.1 and Swagger 2.0 descriptions: loading (JSON or YAML, with limits), review for
 * session-management flaws (SS-SPEC-* rules) and derivation of a scan plan.
 *
 *   spec_error err;
 *   spec_doc *d = spec_load_file("api.yaml", &err);      // or spec_load_buffer(...)
 *   if (!d) { fprintf(stderr, "sessionscan: %s\n", err.message); return 2; }
 *   spec_review(d, "api.yaml", &report);                 // adds findings, returns their number
 *   spec_plan plan;
 *   spec_derive_plan(d, &plan); spec_plan_print(&plan, stdout); spec_plan_free(&plan);
 *   spec_free(d);
 */
#ifndef SS_SPEC_H
#define SS_SPEC_H
#include "report/finding.h"

#include <stddef.h>
#include <stdio.h>

typedef enum {
    SPEC_ERR_NONE = 0,
    SPEC_ERR_IO,        /* cannot open or read the file */
    SPEC_ERR_SYNTAX,    /* invalid JSON/YAML */
    SPEC_ERR_LIMIT,     /* size, depth, node count or alias expansion over the limit */
    SPEC_ERR_VERSION,   /* not OpenAPI 3.0/3.1 or Swagger 2.0 */
    SPEC_ERR_STRUCTURE, /* the document is not shaped like an API description */
    SPEC_ERR_REF        /* dangling or cyclic local $ref */
} spec_error_kind;

typedef struct {
    spec_error_kind kind;
    int line, col;     /* 1-based; 0 when the error has no position */
    char message[512]; /* complete and printable: "NAME:LINE:COL: what is wrong" */
} spec_error;

typedef struct {
    size_t max_bytes;       /* document size */
    unsigned max_depth;     /* nesting of maps and sequences */
    size_t max_nodes;       /* nodes built */
    size_t max_alias_nodes; /* nodes reachable through aliases, counted at every use */
    size_t max_aliases;     /* alias uses */
} spec_limits;

/* Defaults: 32 MiB, depth 128, 8 million nodes, 1 million alias-expanded nodes, 10000 aliases. */
extern const spec_limits spec_default_limits;

typedef struct spec_doc spec_doc;

spec_doc *spec_load_file(const char *path, spec_error *err);
/* name is used in messages (a file name or the URL the buffer came from). */
spec_doc *spec_load_buffer(const char *data, size_t len, const char *name, spec_error *err);
spec_doc *spec_load_buffer_limits(const char *data, size_t len, const char *name,
                                  const spec_limits *lim, spec_error *err);
void spec_free(spec_doc *d);

/* "2.0", "3.0.3", "3.1.0": the version string as written. */
const char *spec_version_string(const spec_doc *d);
size_t spec_operation_count(const spec_doc *d);
size_t spec_node_count(const spec_doc *d);
/* Notes from loading (external $refs that were not fetched, ...), for the user. */
size_t spec_note_count(const spec_doc *d);
const char *spec_note(const spec_doc *d, size_t i);

/* Runs every SS-SPEC-* rule; locations are "display_name:LINE" and finding->line is set.
 * Also records one check result per rule. Returns the number of findings added. */
int spec_review(const spec_doc *d, const char *display_name, ss_report *r);

/* What `scan --openapi` needs to drive the target. Every guess says why (reason_*). Paths include
 * the server base path. NULL fields were not found. */
typedef struct {
    char *login_path;
    char *login_method;       /* "POST" */
    char *login_body;         /* template with {user}/{pass}; NULL when credentials go elsewhere */
    char *login_content_type; /* "json" or "form"; NULL without a body */
    char *protected_path;     /* a GET that needs the session and takes no required parameter */
    char *logout_path;
    char *logout_method;
    char *cookie_name; /* from the apiKey-in-cookie security scheme */
    char *base_path;   /* server path prefix already applied to the paths above ("" if none) */
    char *server_url;  /* the first absolute server URL (http or https), NULL if none */
    int login_line, protected_line, logout_line, cookie_line; /* spec lines, 0 if none */
    char *reason_login;
    char *reason_login_body;
    char *reason_protected;
    char *reason_logout;
    char *reason_cookie;
} spec_plan;

/* Fills out (always initialised; free with spec_plan_free). Returns 0 when login and a protected
 * operation were found, 1 for a partial plan. */
int spec_derive_plan(const spec_doc *d, spec_plan *out);
void spec_plan_free(spec_plan *p);
/* Human-readable plan with reasons, and the equivalent scan options. */
void spec_plan_print(const spec_plan *p, FILE *out);

#endif
