/* Entry point: dispatches to the command named by the first argument. */
#include "cli/commands.h"

int main(int argc, char **argv)
{
    return commands_main(argc, argv);
}
