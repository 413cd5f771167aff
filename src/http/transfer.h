/* One HTTP hop on libcurl with every limit applied, run through a multi handle; and batches of
 * independent hops run concurrently on the same multi handle. */
#ifndef SS_TRANSFER_H
#define SS_TRANSFER_H
#include "http/client.h"

#include <curl/curl.h>

typedef struct {
    const char *method;
    const char *url;
    const char *body;
    size_t body_len;
    const char *content_type;
    const char *cookie_header; /* "" for none */
} ss_transfer_in;

/* Replaces every registered secret in the NUL-terminated text (of buffer size `size`). */
void redact_in_place(char *text, size_t size);

/* 0 when a response arrived; -1 with a user-facing message otherwise (secrets redacted). */
int transfer_run(CURLM *multi, const ss_http_opts *o, const ss_transfer_in *in, ss_response *resp,
                 char *err, size_t errlen);

typedef struct ss_batch ss_batch;
ss_batch *batch_new(CURLM *multi, const ss_http_opts *o);
void batch_free(ss_batch *b);
unsigned batch_active(const ss_batch *b);
void batch_add(ss_batch *b, const ss_transfer_in *in);
/* Waits for the next finished transfer: 0 ok, 1 that transfer failed, -1 nothing in flight.
 * *seq is the transfer's place in the order of batch_add. */
int batch_next(ss_batch *b, ss_response *resp, unsigned *seq);

#endif
