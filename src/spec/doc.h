/* The loaded document and the API model derived from it (internal to src/spec). */
#ifndef SS_SPEC_DOC_H
#define SS_SPEC_DOC_H
#include "spec/arena.h"
#include "spec/node.h"
#include "spec/spec.h"

#include <stdbool.h>

typedef enum { SPEC_V2 = 2, SPEC_V30 = 30, SPEC_V31 = 31 } spec_version;

typedef enum {
    SCH_APIKEY,
    SCH_HTTP_BEARER,
    SCH_HTTP_BASIC,
    SCH_HTTP_OTHER,
    SCH_OAUTH2,
    SCH_OIDC,
    SCH_MTLS,
    SCH_UNKNOWN
} spec_scheme_type;

typedef struct {
    const char *name; /* key under securitySchemes / securityDefinitions */
    spec_scheme_type type;
    const char *in;       /* apiKey: "query", "header", "cookie" */
    const char *key_name; /* apiKey: the parameter, header or cookie name */
    unsigned line;
    const spec_node *node;
} spec_scheme;

typedef struct {
    const char *url; /* with server variables replaced by their defaults */
    unsigned line;
    bool http;        /* cleartext */
    bool loopback;    /* 127.0.0.0/8, localhost, [::1] */
    const char *note; /* why this URL was considered (e.g. a server variable allows http) */
} spec_server;

typedef struct {
    const char *name, *in;
    bool required;
    unsigned line;
    const spec_node *node;   /* resolved parameter object */
    const spec_node *schema; /* OAS 3 schema, or the Swagger 2 body schema */
} spec_param;

typedef struct {
    const char *method; /* lower case, as in the document */
    const char *path;
    const char *op_id, *summary, *description;
    unsigned line;
    const spec_node *node;
    spec_param *params;
    size_t n_params;
    const spec_node *security;     /* effective requirement list (operation's or global), or NULL */
    bool security_explicit;        /* the operation declares its own `security` */
    bool secured;                  /* every alternative needs at least one scheme */
    const spec_node *request_body; /* OAS 3 requestBody, resolved */
    const spec_node *responses;    /* resolved */
    const spec_node *consumes;     /* Swagger 2 */
} spec_op;

struct spec_doc {
    spec_arena arena;
    char *name;
    spec_node *root;
    size_t n_nodes;
    spec_version version;
    const char *version_str;
    unsigned version_line;
    spec_scheme *schemes;
    size_t n_schemes, cap_schemes;
    spec_server *servers;
    size_t n_servers, cap_servers;
    spec_op *ops;
    size_t n_ops, cap_ops;
    const spec_node *global_security;
    const char *base_path; /* path of the first server, "" if none */
    char **notes;
    size_t n_notes, cap_notes;
};

/* Loader stages (load.c, refs.c, model.c). Each returns 0 or fills err and returns -1. */
int spec_parse_tree(spec_doc *d, const char *data, size_t len, const spec_limits *lim,
                    spec_error *err);
int spec_check_refs(spec_doc *d, spec_error *err);
int spec_build_model(spec_doc *d, spec_error *err);

void spec_set_error(spec_error *err, const spec_doc *d, spec_error_kind kind, int line, int col,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void spec_add_note(spec_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Resolves a local JSON pointer ("#/components/schemas/Pet"); NULL when it does not resolve. */
const spec_node *spec_pointer(const spec_doc *d, const char *ref);
/* Follows $ref chains from n; returns n itself when it is no reference, NULL when the chain does
 * not resolve locally (external refs). */
const spec_node *spec_deref(const spec_doc *d, const spec_node *n);

const spec_scheme *spec_find_scheme(const spec_doc *d, const char *name);
/* Does the operation's effective security use a scheme named `name`? */
bool spec_op_uses_scheme(const spec_op *op, const char *name);
/* Does the operation's effective security use any scheme of type/in (in may be NULL)? */
bool spec_op_uses_type(const spec_doc *d, const spec_op *op, spec_scheme_type t, const char *in);

#endif
