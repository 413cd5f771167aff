/* The JSON shape of one finding, shared by the JSON and JSON Lines reports. */
#ifndef SS_JSON_MODEL_H
#define SS_JSON_MODEL_H
#include "report/finding.h"

#include <jansson.h>

/* A JSON string for text that may come from the target: never NULL, invalid UTF-8 replaced. */
json_t *json_text(const char *s);
json_t *finding_to_json(const ss_report *r, const ss_finding *f);
/* "new", "unchanged", "absent", or NULL without a baseline. */
const char *baseline_state_name(ss_baseline_state s);

#endif
