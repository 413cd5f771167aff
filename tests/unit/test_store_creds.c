/* Credentials and region resolution: environment, shared files, profiles, precedence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/aws_creds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/ss-creds-XXXXXX";
static char cred_path[256], cfg_path[256];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir)) return -1;
    snprintf(cred_path, sizeof cred_path, "%s/credentials", dir);
    snprintf(cfg_path, sizeof cfg_path, "%s/config", dir);
    write_file(cred_path, "# comment\n[default]\naws_access_key_id = AKIDDEF\n"
                          "aws_secret_access_key=defsecret\n\n[ci]\r\n"
                          "aws_access_key_id = AKIDCI\r\naws_secret_access_key = cisecret\r\n"
                          "aws_session_token = citoken\r\n");
    write_file(cfg_path, "[default]\nregion = eu-west-1\n[profile ci]\nregion = ap-south-1\n"
                         "[profile cfgonly]\naws_access_key_id = AKIDCFG\n"
                         "aws_secret_access_key = cfgsecret\nregion = us-west-2\n");
    static const char *const vars[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                       "AWS_SESSION_TOKEN", "AWS_PROFILE",
                                       "AWS_REGION",        "AWS_DEFAULT_REGION"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
        unsetenv(vars[i]);
    setenv("AWS_SHARED_CREDENTIALS_FILE", cred_path, 1);
    setenv("AWS_CONFIG_FILE", cfg_path, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(cred_path);
    unlink(cfg_path);
    rmdir(dir);
    return 0;
}

static void ini_parsing(void **state)
{
    (void)state;
    const char *text = "[a]\nk = 1\n[b]\n  k=2  \n;x\nk = 3\n[c\nk=4\n";
    char *v = aws_ini_get(text, "a", "k");
    assert_string_equal(v, "1");
    free(v);
    v = aws_ini_get(text, "b", "k");
    assert_string_equal(v, "3");
    free(v);
    assert_null(aws_ini_get(text, "c", "k"));
    assert_null(aws_ini_get("", "a", "k"));
}

static void shared_files_and_profiles(void **state)
{
    (void)state;
    aws_creds c;
    char err[256];
    assert_int_equal(aws_creds_load(NULL, NULL, 1, &c, err, sizeof err), 0);
    assert_string_equal(c.access_key, "AKIDDEF");
    assert_string_equal(c.region, "eu-west-1");
    assert_null(c.session_token);
    aws_creds_free(&c);

    setenv("AWS_PROFILE", "ci", 1);
    assert_int_equal(aws_creds_load(NULL, NULL, 1, &c, err, sizeof err), 0);
    assert_string_equal(c.access_key, "AKIDCI");
    assert_string_equal(c.session_token, "citoken");
    assert_string_equal(c.region, "ap-south-1");
    aws_creds_free(&c);
    unsetenv("AWS_PROFILE");

    assert_int_equal(aws_creds_load("cfgonly", "sa-east-1", 1, &c, err, sizeof err), 0);
    assert_string_equal(c.access_key, "AKIDCFG");
    assert_string_equal(c.region, "sa-east-1"); /* the option beats the file */
    aws_creds_free(&c);

    assert_int_equal(aws_creds_load("nosuch", NULL, 1, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "no AWS credentials"));
    assert_null(strstr(err, "secret"));
}

static void environment_precedence(void **state)
{
    (void)state;
    aws_creds c;
    char err[256];
    setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
    setenv("AWS_SESSION_TOKEN", "envtoken", 1);
    setenv("AWS_DEFAULT_REGION", "us-east-2", 1);
    assert_int_equal(aws_creds_load(NULL, NULL, 1, &c, err, sizeof err), 0);
    assert_string_equal(c.access_key, "AKIDENV");
    assert_string_equal(c.session_token, "envtoken");
    assert_string_equal(c.region, "us-east-2");
    assert_string_equal(c.source, "environment");
    aws_creds_free(&c);
    setenv("AWS_REGION", "ca-central-1", 1);
    assert_int_equal(aws_creds_load("ci", NULL, 1, &c, err, sizeof err), 0);
    assert_string_equal(c.access_key, "AKIDCI"); /* --profile beats the environment */
    assert_string_equal(c.region, "ca-central-1");
    aws_creds_free(&c);
    assert_int_equal(aws_creds_load(NULL, "us-east-1/../x", 1, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid AWS region"));
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    unsetenv("AWS_SESSION_TOKEN");
    unsetenv("AWS_REGION");
    unsetenv("AWS_DEFAULT_REGION");
    /* No region anywhere: required for AWS, defaulted for a local endpoint. */
    setenv("AWS_CONFIG_FILE", "/nonexistent", 1);
    assert_int_equal(aws_creds_load(NULL, NULL, 1, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "no AWS region"));
    assert_int_equal(aws_creds_load(NULL, NULL, 0, &c, err, sizeof err), 0);
    assert_string_equal(c.region, "us-east-1");
    aws_creds_free(&c);
    setenv("AWS_CONFIG_FILE", cfg_path, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ini_parsing),
        cmocka_unit_test(shared_files_and_profiles),
        cmocka_unit_test(environment_precedence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
