// OpenSSL's libcrypto, the system's copy (Debian's libssl-dev): SHA-256 only.
#include <openssl/sha.h>
