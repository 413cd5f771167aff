/* Where a finding lives for tools that think in files (GitHub code scanning) and how it is
 * recognised from one run to the next (SARIF partialFingerprints, --baseline). */
#ifndef SS_ARTIFACT_H
#define SS_ARTIFACT_H
#include "report/finding.h"

/* 96 bits: no collision among a project's findings, and short enough (like GitHub's own 16-digit
 * hashes) that no secret scanner or leak check mistakes it for a 128-bit session ID. */
#define SS_FINGERPRINT_LEN 24

/* A repository-relative path for the finding, never a URI with a scheme: the spec file when the
 * finding has a line, the input file when the target is one (tokens, spec) and the finding has
 * no location, else "sessionscan/<host>_<port>/<path>". Caller frees. */
char *finding_artifact_uri(const char *target, const ss_finding *f);

/* SHA-256 (first SS_FINGERPRINT_LEN hex digits) of the rule id, the target origin and the location
 * without its query, so that session IDs or nonces in a URL never change it. out holds
 * SS_FINGERPRINT_LEN + 1 bytes. */
void fingerprint_of(const char *rule_id, const char *target, const char *location, int line,
                    char *out);
void finding_fingerprint(const ss_report *r, const ss_finding *f, char *out);

#endif
