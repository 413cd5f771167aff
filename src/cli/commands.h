/* The command table: one row per subcommand (scan, spec, tokens, store, checks, explain). */
#ifndef SS_COMMANDS_H
#define SS_COMMANDS_H

/* Exit codes, DESIGN §4. */
enum {
    EXIT_CLEAN = 0,
    EXIT_FINDINGS = 1,
    EXIT_USAGE = 2,
    EXIT_INCOMPLETE = 3,
    EXIT_INTERRUPTED = 130
};

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} ss_command;

int commands_main(int argc, char **argv);

#endif
