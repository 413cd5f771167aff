/* Plan derivation internals shared by plan.c and plan_body.c. */
#ifndef SS_SPEC_PLAN_H
#define SS_SPEC_PLAN_H
#include "spec/doc.h"

#include <stdbool.h>

/* The request schema of an operation and how it is sent. */
typedef struct {
    const spec_node *schema;  /* object schema (OAS 3 / Swagger 2 body) or NULL */
    const spec_param *fields; /* Swagger 2: all parameters, formData ones used (schema NULL) */
    size_t n_fields;
    const char *type;  /* "json" or "form" */
    const char *media; /* the media type chosen */
} spec_login_req;

/* Picks the request representation (JSON preferred, then form). false when there is none. */
bool plan_login_request(const spec_doc *d, const spec_op *op, spec_login_req *out);
/* The property or form field that carries the password, or NULL. */
const char *plan_password_field(const spec_doc *d, const spec_login_req *req);
/* Number of properties/fields in the request (to tell a login form from a registration). */
size_t plan_field_count(const spec_doc *d, const spec_login_req *req);
/* Body template with {user}/{pass}; NULL when no password field. reason gets why (malloc'd). */
char *plan_body_template(const spec_doc *d, const spec_login_req *req, char **reason);

#endif
