#include "cli/commands.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

int cmd_scan(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_spec(int argc, char **argv);
int cmd_explain(int argc, char **argv);

static const ss_command commands[] = {
    {"scan", "probe a live target for session fixation and weak session management", cmd_scan},
    {"spec", "review an OpenAPI/Swagger description; --plan derives a scan plan", cmd_spec},
    {"store", "audit a DynamoDB session table (read-only)", cmd_store},
    {"checks", "list the checks and rules", cmd_checks},
    {"explain", "print a rule's documentation", cmd_explain},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fputs("usage: sessionscan COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", out);
    for (const ss_command *c = commands; c->name; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fputs(
        "\nRun 'sessionscan COMMAND --help' for a command's options; 'man sessionscan' for all.\n",
        out);
}

int commands_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("sessionscan " SS_VERSION);
        return EXIT_CLEAN;
    }
    for (const ss_command *c = commands; c->name; c++)
        if (strcmp(c->name, argv[1]) == 0) return c->run(argc - 1, argv + 1);
    fprintf(stderr, "sessionscan: unknown command '%s' (try 'sessionscan --help')\n", argv[1]);
    return EXIT_USAGE;
}
