/* Links that carry a session ID in the URL, under every name a server might read it from. */
#ifndef SS_LINK_H
#define SS_LINK_H

/* path?<cookie>=id&sessionId=id&sid=id… (or ;jsessionid=id for Java containers); caller frees. */
char *link_with_id(const char *path, const char *cookie, const char *id);

#endif
