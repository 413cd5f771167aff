/* The spec corpus: real public API descriptions (Swagger 2.0 JSON/YAML, OpenAPI 3.0 and 3.1, up to
 * GitHub's 13 MB description and its 73 MB dereferenced twin). Every document either reviews with
 * exactly the expected findings or fails with a clear error - never a crash. The small files are
 * committed in tests/spec-corpus/files; the large ones come from npm (tests/spec-corpus/fetch.sh,
 * exact versions from its package-lock.json). SS_SPEC_CORPUS_PRINT=1 prints the actual outcomes in
 * expect.tsv format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "spec/spec.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define CORPUS SS_TEST_DATA "/../spec-corpus"
#define NPM_DIR "spec-corpus-npm" /* under the test's working directory (the build tree) */

static const char *const RULES[] = {"SS-SPEC-TOKEN-IN-URL",   "SS-SPEC-TOKEN-IN-BODY",
                                    "SS-SPEC-NO-LOGOUT",      "SS-SPEC-CLEARTEXT",
                                    "SS-SPEC-UNPROTECTED-OP", "SS-SPEC-STATIC-KEY"};
static const char *const KINDS[] = {"NONE", "IO", "SYNTAX", "LIMIT", "VERSION", "STRUCTURE", "REF"};

static int npm_state = -1; /* -1 unknown, 0 installed, 1 skipped */

static int have_npm_corpus(void)
{
    if (npm_state < 0) {
        int rc = system("sh '" CORPUS "/fetch.sh' '" NPM_DIR "'");
        int code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
        if (code != 0 && code != 77) fail_msg("spec corpus: fetch.sh failed (exit %d)", code);
        npm_state = code == 77;
    }
    return npm_state == 0;
}

static void resolve(const char *spec_path, char *out, size_t cap)
{
    if (strncmp(spec_path, "npm:", 4) == 0)
        snprintf(out, cap, NPM_DIR "/node_modules/%s", spec_path + 4);
    else
        snprintf(out, cap, CORPUS "/%s", spec_path);
}

typedef struct {
    int ok;
    spec_error err;
    size_t counts[6];
} outcome;

/* Loads, reviews and plans one document, checking the invariants every document must meet. */
static outcome run_one(const char *path)
{
    outcome o;
    memset(&o, 0, sizeof o);
    spec_doc *d = spec_load_file(path, &o.err);
    if (!d) {
        if (o.err.kind == SPEC_ERR_NONE || o.err.message[0] == '\0')
            fail_msg("%s: failed without an error", path);
        if (strncmp(o.err.message, path, strlen(path)) != 0)
            fail_msg("%s: error does not name the file: %s", path, o.err.message);
        if ((o.err.kind == SPEC_ERR_SYNTAX || o.err.kind == SPEC_ERR_REF) && o.err.line <= 0)
            fail_msg("%s: error without a line: %s", path, o.err.message);
        return o;
    }
    o.ok = 1;
    ss_report r;
    report_init(&r, "spec", path);
    int n = spec_review(d, path, &r);
    assert_int_equal((size_t)n, r.n_findings);
    for (size_t i = 0; i < r.n_findings; i++) {
        const ss_finding *f = &r.findings[i];
        char loc[1200];
        snprintf(loc, sizeof loc, "%s:%d", path, f->line);
        if (f->line <= 0 || strcmp(f->location, loc) != 0)
            fail_msg("%s: finding without a spec line: %s", path, f->location);
        for (size_t k = 0; k < 6; k++)
            o.counts[k] += strcmp(f->rule->id, RULES[k]) == 0;
    }
    spec_plan p;
    int rc = spec_derive_plan(d, &p);
    assert_true(rc == 0 || rc == 1);
    assert_non_null(p.reason_login);
    FILE *devnull = fopen("/dev/null", "w");
    spec_plan_print(&p, devnull);
    fclose(devnull);
    spec_plan_free(&p);
    report_free(&r);
    spec_free(d);
    return o;
}

static void print_outcome(const char *name, const outcome *o)
{
    if (!o->ok) {
        printf("%s\terror\t%s", name, KINDS[o->err.kind]);
        if (o->err.line > 0) printf(":%d:%d", o->err.line, o->err.col);
        printf("\n");
        return;
    }
    printf("%s\tok\t", name);
    int any = 0;
    for (size_t k = 0; k < 6; k++)
        if (o->counts[k]) printf("%s%s=%zu", any++ ? " " : "", RULES[k], o->counts[k]);
    printf("%s\n", any ? "" : "-");
}

static void check_expectation(const char *name, const char *kind, const char *want,
                              const outcome *o)
{
    if (strcmp(kind, "error") == 0) {
        if (o->ok) fail_msg("%s: expected an error %s, but it loaded", name, want);
        char got[64];
        if (strchr(want, ':'))
            snprintf(got, sizeof got, "%s:%d:%d", KINDS[o->err.kind], o->err.line, o->err.col);
        else
            snprintf(got, sizeof got, "%s", KINDS[o->err.kind]);
        if (strcmp(got, want) != 0)
            fail_msg("%s: expected error %s, got %s (%s)", name, want, got, o->err.message);
        return;
    }
    if (!o->ok) fail_msg("%s: expected to load, got: %s", name, o->err.message);
    for (size_t k = 0; k < 6; k++) {
        size_t expected = 0;
        const char *at = strstr(want, RULES[k]);
        while (at && at[strlen(RULES[k])] != '=') /* SS-SPEC-TOKEN-IN-URL vs ...-IN-URLX */
            at = strstr(at + 1, RULES[k]);
        if (at) expected = strtoul(at + strlen(RULES[k]) + 1, NULL, 10);
        if (o->counts[k] != expected)
            fail_msg("%s: %s: expected %zu findings, got %zu", name, RULES[k], expected,
                     o->counts[k]);
    }
}

/* Every document in expect.tsv meets its expectation. */
static void expected_outcomes(void **state)
{
    (void)state;
    FILE *f = fopen(CORPUS "/expect.tsv", "r");
    assert_non_null(f);
    char line[2048];
    int checked = 0, skipped = 0;
    bool print = getenv("SS_SPEC_CORPUS_PRINT") != NULL;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\n")] = '\0';
        char *name = strtok(line, "\t"), *kind = strtok(NULL, "\t"), *want = strtok(NULL, "\t");
        assert_non_null(want);
        if (strncmp(name, "npm:", 4) == 0 && !have_npm_corpus()) {
            skipped++;
            continue;
        }
        char path[1024];
        resolve(name, path, sizeof path);
        outcome o = run_one(path);
        if (print)
            print_outcome(name, &o);
        else
            check_expectation(name, kind, want, &o);
        checked++;
    }
    fclose(f);
    printf("spec corpus: %d documents checked against expect.tsv%s\n", checked,
           skipped ? " (npm part skipped: node/npm not found)" : "");
    assert_true(checked >= 4);
}

static int sweep_dir(const char *dir, int depth)
{
    DIR *dh = opendir(dir);
    if (!dh) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode) && depth < 6) {
            n += sweep_dir(path, depth + 1);
            continue;
        }
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || (strcmp(dot, ".json") && strcmp(dot, ".yaml") && strcmp(dot, ".yml")) ||
            strcmp(e->d_name, "package.json") == 0)
            continue;
        run_one(path); /* the invariants are the assertion */
        n++;
    }
    closedir(dh);
    return n;
}

/* Every description shipped in the corpus packages: reviewed or refused, never a crash. */
static void every_document_reviews_or_fails_clearly(void **state)
{
    (void)state;
    int n = sweep_dir(CORPUS "/files", 0) + sweep_dir(SS_TEST_DATA "/specs", 0);
    if (have_npm_corpus()) {
        n += sweep_dir(NPM_DIR "/node_modules/@readme/oas-examples", 0);
        n += sweep_dir(NPM_DIR "/node_modules/@octokit/openapi/generated", 0);
        n += sweep_dir(NPM_DIR "/node_modules/@blockfrost/openapi", 0);
        n += sweep_dir(NPM_DIR "/node_modules/@directus/specs/dist", 0);
    } else {
        printf("spec corpus: npm part skipped (node/npm not found)\n");
    }
    printf("spec corpus: %d documents swept\n", n);
    assert_true(n >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_outcomes),
        cmocka_unit_test(every_document_reviews_or_fails_clearly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
