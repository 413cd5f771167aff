/* Sequence diagrams: the evidence steps of a finding drawn as messages between three lifelines. */
#include "report/escape.h"
#include "report/html_parts.h"
#include "util/xalloc.h"

#include <string.h>
#include <strings.h>

#define MAX_STEPS 40
#define LABEL_MAX 64
#define ROW_H 78
#define TOP 56
#define WIDTH 880

enum { ACTOR_ATTACKER, ACTOR_VICTIM, ACTOR_OTHER };
static const int actor_x[] = {110, 330};
static const int server_x = 770;

typedef struct {
    int actor;
    char request[LABEL_MAX + 4], req_extra[LABEL_MAX + 4];
    char response[LABEL_MAX + 4], resp_extra[LABEL_MAX + 4];
    char note[LABEL_MAX * 2];
} step;

/* Copies [s, s+n) into dst (capacity cap), shortened with an ellipsis when it does not fit. */
static void clip(char *dst, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' '))
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n + 1 > cap) {
        size_t keep = cap - 4;
        while (keep && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep--; /* never cut a UTF-8 sequence */
        memcpy(dst, s, keep);
        memcpy(dst + keep, "...", 4);
        return;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* "X [extra]" -> main part and bracket content. */
static void split_bracket(const char *s, size_t n, char *main_part, char *extra)
{
    const char *open = memchr(s, '[', n);
    const char *close = open ? memchr(open, ']', n - (size_t)(open - s)) : NULL;
    if (!open || !close) {
        clip(main_part, LABEL_MAX, s, n);
        extra[0] = '\0';
        return;
    }
    clip(main_part, LABEL_MAX, s, (size_t)(open - s));
    clip(extra, LABEL_MAX, open + 1, (size_t)(close - open - 1));
}

static int parse_step(const char *line, step *st)
{
    memset(st, 0, sizeof *st);
    size_t colon = strcspn(line, ":");
    const char *arrow = strstr(line, " -> ");
    if (!line[colon] || !arrow || arrow < line + colon) return -1;
    st->actor = strncasecmp(line, "attacker", colon) == 0 && colon == 8 ? ACTOR_ATTACKER
                : strncasecmp(line, "victim", colon) == 0 && colon == 6 ? ACTOR_VICTIM
                                                                        : ACTOR_OTHER;
    if (st->actor == ACTOR_OTHER) return -1;
    const char *req = line + colon + 1;
    split_bracket(req, (size_t)(arrow - req), st->request, st->req_extra);
    const char *resp = arrow + 4;
    size_t rn = strlen(resp);
    const char *note = NULL;
    if (rn && resp[rn - 1] == ')') {
        for (const char *q = resp + rn - 1; q > resp; q--)
            if (q[0] == '(' && q[-1] == ' ') {
                note = q;
                break;
            }
    }
    if (note) {
        clip(st->note, sizeof st->note, note + 1, (size_t)(resp + rn - 1 - note - 1));
        rn = (size_t)(note - resp);
    }
    split_bracket(resp, rn, st->response, st->resp_extra);
    return 0;
}

static void text(FILE *out, int x, int y, const char *cls, const char *anchor, const char *s)
{
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"%s\" text-anchor=\"%s\">", x, y, cls, anchor);
    xml_escape(out, s);
    fputs("</text>\n", out);
}

static void lifelines(FILE *out, int height)
{
    static const char *const names[] = {"Attacker", "Victim", "Server"};
    const int xs[] = {actor_x[0], actor_x[1], server_x};
    for (int i = 0; i < 3; i++) {
        fprintf(out,
                "<rect x=\"%d\" y=\"8\" width=\"120\" height=\"30\" rx=\"6\" class=\"actor a%d\"/>"
                "<line x1=\"%d\" y1=\"38\" x2=\"%d\" y2=\"%d\" class=\"life\"/>\n",
                xs[i] - 60, i, xs[i], xs[i], height - 6);
        text(out, xs[i], 28, "aname", "middle", names[i]);
    }
}

static void draw_step(FILE *out, const step *st, int idx, int y, size_t fig)
{
    int ax = actor_x[st->actor], mid = (ax + server_x) / 2;
    char num[16];
    snprintf(num, sizeof num, "%d", idx + 1);
    fprintf(out, "<circle cx=\"18\" cy=\"%d\" r=\"11\" class=\"num\"/>", y + 8);
    text(out, 18, y + 12, "numt", "middle", num);
    if (st->note[0]) text(out, 36, y - 2, "note", "start", st->note);
    fprintf(out,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"req\" "
            "marker-end=\"url(#arrow%zu)\"/>\n",
            ax, y + 22, server_x - 4, y + 22, fig);
    text(out, mid, y + 18, "lbl", "middle", st->request);
    if (st->req_extra[0]) text(out, mid, y + 34, "extra", "middle", st->req_extra);
    fprintf(out,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"resp\" "
            "marker-end=\"url(#arrow%zu)\"/>\n",
            server_x, y + 50, ax + 4, y + 50, fig);
    text(out, mid, y + 46, "lbl", "middle", st->response);
    if (st->resp_extra[0]) text(out, mid, y + 62, "extra", "middle", st->resp_extra);
}

void html_sequence(FILE *out, const ss_finding *f, size_t idx)
{
    step *steps = xcalloc(MAX_STEPS, sizeof *steps);
    int n = 0;
    for (size_t i = 0; i < f->n_evidence && n < MAX_STEPS; i++)
        if (parse_step(f->evidence[i], &steps[n]) == 0) n++;
    if (n > 0) {
        int height = TOP + n * ROW_H + 10;
        fprintf(out,
                "<figure class=\"seq\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>Attack sequence: ",
                WIDTH, height, WIDTH, height);
        xml_escape(out, f->rule->id);
        fprintf(
            out,
            "</title>\n<defs><marker id=\"arrow%zu\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
            "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
            "<path d=\"M0,0 L10,5 L0,10 z\" class=\"head\"/></marker></defs>\n",
            idx);
        lifelines(out, height);
        for (int i = 0; i < n; i++)
            draw_step(out, &steps[i], i, TOP + i * ROW_H, idx);
        fputs("</svg><figcaption>The attack as sessionscan ran it: each arrow is one request "
              "and its answer.</figcaption></figure>\n",
              out);
    }
    free(steps);
}
