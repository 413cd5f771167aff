/* The whole response pipeline with hostile bytes (curl-fuzzer's idea): the input is the raw answer
 * of a "server" on a loopback port (a thread of this harness); the real client code reads it with
 * every limit, follows what it may, stores cookies in a jar, runs the observer and the oracle. */
#include "flow/observe.h"
#include "flow/oracle.h"
#include "http/client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener = -1;
static int port;

typedef struct {
    const uint8_t *data;
    size_t size;
} answer;

/* Serves the same bytes to at most two connections (a redirect makes a second one). */
static void *serve(void *p)
{
    const answer *a = p;
    /* only an answer that can redirect makes the client come back */
    int conns = 1;
    for (size_t i = 0; i + 7 <= a->size && conns == 1; i++)
        conns += memcmp(a->data + i, "ocation", 7) == 0;
    for (int conn = 0; conn < conns; conn++) {
        struct pollfd pfd = {listener, POLLIN, 0};
        if (poll(&pfd, 1, conn == 0 ? 300 : 30) <= 0) /* a second one comes at once or not */
            break;
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            break;
        char req[4096];
        (void)!read(fd, req, sizeof req); /* the request line and headers */
        (void)!write(fd, a->data, a->size);
        shutdown(fd, SHUT_WR);
        close(fd);
    }
    return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(listener, 8) != 0 || getsockname(listener, (struct sockaddr *)&a, &len) != 0)
        abort();
    port = ntohs(a.sin_port);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 60000)
        return 0;
    answer ans = {data, size};
    pthread_t t;
    if (pthread_create(&t, NULL, serve, &ans) != 0)
        return 0;
    char base[64], err[512];
    snprintf(base, sizeof base, "http://127.0.0.1:%d/", port);
    ss_url origin;
    url_parse(base, &origin, err, sizeof err);
    ss_http_opts o;
    http_opts_default(&o);
    o.timeout_ms = 300;
    o.max_body = 1 << 16;
    o.max_redirects = 1;
    ss_client *c = client_new(&origin, &o);
    ss_observer seen;
    observer_init(&seen, false);
    client_observe(c, observer_on_response, &seen);
    ss_actor a = {"fuzz", jar_new()};
    jar_set(a.jar, "sessionId", "0123456789abcdef0123456789abcdef");
    ss_request req = {"GET", "/login", NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response resp;
    int rc = client_send(c, &a, &req, &resp, err, sizeof err);
    if (getenv("SS_FUZZ_DEBUG"))
        fprintf(stderr, "rc=%d status=%ld body=%zu cookies=%zu jar=%zu err=%s\n", rc, resp.status,
                resp.body.len, resp.n_set_cookies, jar_count(a.jar), rc ? err : "");
    if (rc == 0) {
        ss_oracle oracle;
        char oerr[256];
        oracle_init(&oracle, "logged ?in", NULL, oerr, sizeof oerr);
        (void)oracle_classify(&oracle, &resp, "alice");
        oracle_free(&oracle);
    }
    response_free(&resp);
    pthread_join(t, NULL);
    jar_free(a.jar);
    observer_free(&seen);
    client_free(c);
    url_free(&origin);
    return 0;
}
