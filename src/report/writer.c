#include "report/writer.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const ss_writer writers[] = {
    {"text", write_text},   {"json", write_json},   {"sarif", write_sarif}, {"html", write_html},
    {"junit", write_junit}, {"md", write_markdown}, {"jsonl", write_jsonl},
};

const ss_writer *writer_find(const char *name)
{
    for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
        if (strcmp(writers[i].name, name) == 0) return &writers[i];
    return NULL;
}

int report_write_path(const ss_writer *w, const ss_report *r, const char *path,
                      const ss_write_opts *o, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0) {
        int rc = w->write(stdout, r, o);
        fflush(stdout);
        return rc;
    }
    char *tmp = xasprintf("%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write the %s report to %s: %s", w->name, path,
                 strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file 0600; a report is meant to be shared like any file the user
     * creates, so give it the mode the umask allows. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "w");
    int rc = f ? w->write(f, r, o) : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    else if (!f)
        close(fd);
    if (rc == 0 && rename(tmp, path) != 0) rc = -1;
    if (rc != 0) {
        snprintf(err, errlen, "cannot write the %s report to %s: %s", w->name, path,
                 strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}
