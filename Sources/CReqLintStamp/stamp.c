// The release stamp. scripts/release writes stamp.generated.h (not in git) with
// REQLINT_COMMIT and, when REQLINT_PROJECT_URL is set in its environment, REQLINT_PROJECT_URL,
// then touches this file so that only it is compiled again and the executables relinked.
#include "reqlint_stamp.h"

#if __has_include("stamp.generated.h")
#include "stamp.generated.h"
#endif

#ifndef REQLINT_COMMIT
#define REQLINT_COMMIT ""
#endif

// The project's public address: the one constant every project link (documentation pages,
// SARIF informationUri, the README, the examples, the pre-commit and Action snippets) is built
// from. A release can override it (REQLINT_PROJECT_URL=... scripts/release); the docs use the
// same value, and a test (tests-integration/test_links.py) keeps them in step.
#ifndef REQLINT_PROJECT_URL
#define REQLINT_PROJECT_URL "https://github.com/reqlint/reqlint"
#endif

const char *reqlint_stamp_commit(void) { return REQLINT_COMMIT; }
const char *reqlint_stamp_project_url(void) { return REQLINT_PROJECT_URL; }
