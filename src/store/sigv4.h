/* AWS Signature Version 4: canonical request, string to sign, derived key, Authorization header.
 * Written by hand because no Debian library does it; checked against the published
 * aws-sig-v4-test-suite vectors (tests/data/sigv4) and @smithy/signature-v4 (tests/sigv4-node). */
#ifndef SS_SIGV4_H
#define SS_SIGV4_H
#include "util/buf.h"

#include <stddef.h>
#include <time.h>

typedef struct {
    const char *name;
    const char *value;
} sigv4_header;

typedef struct {
    const char *method;
    const char *path;            /* raw path, e.g. "/" */
    const char *query;           /* raw query without '?', may be "" */
    const sigv4_header *headers; /* every header to sign, X-Amz-Date included */
    size_t n_headers;
    const void *body;
    size_t body_len;
} sigv4_request;

typedef struct {
    const char *access_key;
    const char *secret_key;
    const char *region;
    const char *service;
} sigv4_key;

/* Canonical request and the ';'-joined list of signed header names. 0 or -1 (too large). */
int sigv4_canonical_request(const sigv4_request *rq, ss_buf *creq, ss_buf *signed_headers);
/* "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256(creq)>". */
int sigv4_string_to_sign(const char *amz_date, const char *scope, const char *creq, ss_buf *out);
/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date8), region), service), "aws4_request"). */
int sigv4_signing_key(const char *secret, const char *date8, const char *region,
                      const char *service, unsigned char out[32]);
/* The complete Authorization header value for rq signed at amz_date ("YYYYMMDDTHHMMSSZ"). */
int sigv4_authorization(const sigv4_request *rq, const sigv4_key *k, const char *amz_date,
                        ss_buf *authz);
/* Formats t (UTC) as "YYYYMMDDTHHMMSSZ" into out[17]. */
void sigv4_amz_date(time_t t, char out[17]);
/* Lowercase hex SHA-256 of data into out[65]. */
void sigv4_sha256_hex(const void *data, size_t len, char out[65]);

#endif
