/* Loading an API description from a file or an http(s) URL, for `spec` and `scan --openapi`. */
#ifndef SS_SPEC_SOURCE_H
#define SS_SPEC_SOURCE_H
#include "spec/spec.h"

#include <stdbool.h>

/* Loads FILE or URL (fetched with the usual limits; TLS options as given). NULL with a
 * printable message in err->message on failure. */
spec_doc *spec_source_load(const char *where, bool insecure, const char *cacert,
                           spec_error *err);
/* The name findings are located under: the path as given for files, "openapi.yaml" style
 * basename for URLs (SARIF wants repo-relative paths, never URLs). Caller frees. */
char *spec_source_name(const char *where);

#endif
