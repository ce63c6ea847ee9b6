#ifndef ONEJOB_CCRYPTO_SHIM_H
#define ONEJOB_CCRYPTO_SHIM_H
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#endif
