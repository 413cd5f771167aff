/* Entry point: dispatches to the command named by the first argument. */
#include "cli/commands.h"

#include <malloc.h>

int main(int argc, char **argv)
{
    /* Large buffers (the entropy estimators' tables, response bodies) go straight back to the
     * system when freed: glibc would otherwise raise its mmap threshold after the first such
     * free and keep later ones on the heap, adding several MiB to the peak. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    return commands_main(argc, argv);
}
