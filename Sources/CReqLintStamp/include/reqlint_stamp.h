// What a release build stamps into reqlint: the commit it was built from and the project's
// public address. Read through ReqLintCore's BuildInfo; the values are in stamp.c.
#ifndef REQLINT_STAMP_H
#define REQLINT_STAMP_H

/// The git commit the binary was built from ("" in a development build).
const char *reqlint_stamp_commit(void);
/// The project's public address, without a trailing slash.
const char *reqlint_stamp_project_url(void);

#endif
