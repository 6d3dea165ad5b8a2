#ifndef PEXDEV_COPENSSL_SHIM_H
#define PEXDEV_COPENSSL_SHIM_H

// OpenSSL for node mode's upstream TLS (Debian: libssl-dev). Several of the calls a client needs are macros
// (SNI, the minimum version) or take stacks through macros, which Swift cannot call; these small wrappers are
// the whole surface PexProxy uses.

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

/// Keeps the certificate being checked on the session (as app data), so a failed check can still say what the
/// node presented: after a verification failure OpenSSL no longer offers the peer certificate.
static inline int pexdev_tls_keep_certificate(int preverify_ok, X509_STORE_CTX *store) {
    SSL *ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx());
    X509 *leaf = X509_STORE_CTX_get0_cert(store);
    if (ssl != NULL && leaf != NULL && SSL_get_app_data(ssl) == NULL && X509_up_ref(leaf) == 1) {
        SSL_set_app_data(ssl, leaf);
    }
    return preverify_ok;
}

/// Frees a session and the certificate kept with it.
static inline void pexdev_tls_free(SSL *ssl) {
    X509 *kept = SSL_get_app_data(ssl);
    if (kept != NULL) X509_free(kept);
    SSL_free(ssl);
}

/// A client context: TLS 1.2 or later, peers verified against the system store plus `ca_file` (may be NULL)
/// unless `insecure`. NULL on failure, with OpenSSL's reason in `error`.
static inline SSL_CTX *pexdev_tls_client_context(const char *ca_file, int insecure, char *error, size_t size) {
    ERR_clear_error();
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (context == NULL) {
        ERR_error_string_n(ERR_get_error(), error, size);
        return NULL;
    }
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_mode(context, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_ENABLE_PARTIAL_WRITE);
    SSL_CTX_set_default_verify_paths(context);
    if (ca_file != NULL && SSL_CTX_load_verify_locations(context, ca_file, NULL) != 1) {
        ERR_error_string_n(ERR_get_error(), error, size);
        SSL_CTX_free(context);
        return NULL;
    }
    SSL_CTX_set_verify(context, insecure ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, pexdev_tls_keep_certificate);
    return context;
}

/// A session on connected socket `fd` for `host`: SNI (names only) and name or address verification.
static inline SSL *pexdev_tls_session(SSL_CTX *context, int fd, const char *host, int host_is_address) {
    SSL *ssl = SSL_new(context);
    if (ssl == NULL) return NULL;
    if (SSL_set_fd(ssl, fd) != 1) {
        SSL_free(ssl);
        return NULL;
    }
    if (host_is_address) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
    } else {
        SSL_set_tlsext_host_name(ssl, host);
        SSL_set1_host(ssl, host);
    }
    return ssl;
}

/// Outcomes of one non-blocking TLS step: >= 0 bytes (0 only for a clean close), or one of these.
#define PEXDEV_TLS_WANT_READ (-1)
#define PEXDEV_TLS_WANT_WRITE (-2)
#define PEXDEV_TLS_CLOSED (-3)
#define PEXDEV_TLS_FAILED (-4)

static inline int pexdev_tls_outcome(SSL *ssl, int result) {
    switch (SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ: return PEXDEV_TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE: return PEXDEV_TLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN: return PEXDEV_TLS_CLOSED;
    case SSL_ERROR_SYSCALL: return ERR_peek_error() == 0 ? PEXDEV_TLS_CLOSED : PEXDEV_TLS_FAILED;
    default: return PEXDEV_TLS_FAILED;
    }
}

static inline int pexdev_tls_handshake(SSL *ssl) {
    ERR_clear_error();
    int result = SSL_connect(ssl);
    return result == 1 ? 1 : pexdev_tls_outcome(ssl, result);
}

static inline int pexdev_tls_read(SSL *ssl, void *buffer, int size) {
    ERR_clear_error();
    int result = SSL_read(ssl, buffer, size);
    return result > 0 ? result : pexdev_tls_outcome(ssl, result);
}

static inline int pexdev_tls_write(SSL *ssl, const void *buffer, int size) {
    ERR_clear_error();
    int result = SSL_write(ssl, buffer, size);
    return result > 0 ? result : pexdev_tls_outcome(ssl, result);
}

/// OpenSSL's reason for the last failure on this thread ("wrong version number"), or "" if none.
static inline void pexdev_tls_last_error(char *buffer, size_t size) {
    unsigned long code = ERR_peek_last_error();
    buffer[0] = 0;
    if (code == 0) return;
    const char *reason = ERR_reason_error_string(code);
    if (reason != NULL) {
        strncpy(buffer, reason, size - 1);
        buffer[size - 1] = 0;
    } else {
        ERR_error_string_n(code, buffer, size);
    }
}

/// The certificate check's verdict (X509_V_OK, X509_V_ERR_CERT_HAS_EXPIRED…) and its description.
static inline long pexdev_tls_verify_result(SSL *ssl, char *description, size_t size) {
    long result = SSL_get_verify_result(ssl);
    const char *text = X509_verify_cert_error_string(result);
    strncpy(description, text ? text : "", size - 1);
    description[size - 1] = 0;
    return result;
}

/// The peer certificate's names (subject CN, then DNS and IP alternative names, comma-separated), its issuer
/// and its validity end ("Jan  1 00:00:00 2020 GMT"), for messages that say what the node presented.
static inline void pexdev_tls_peer_details(SSL *ssl, char *names, size_t names_size, char *issuer,
                                           size_t issuer_size, char *not_after, size_t not_after_size) {
    names[0] = issuer[0] = not_after[0] = 0;
    X509 *certificate = SSL_get_app_data(ssl);
    if (certificate != NULL) {
        X509_up_ref(certificate);
    } else {
        certificate = SSL_get1_peer_certificate(ssl);
    }
    if (certificate == NULL) return;
    size_t used = 0;
    char buffer[256];
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, buffer, sizeof buffer) > 0) {
        used += (size_t)snprintf(names + used, names_size - used, "%s", buffer);
        if (used >= names_size) used = names_size - 1;
    }
    GENERAL_NAMES *alternatives = X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
    if (alternatives != NULL) {
        for (int i = 0; i < sk_GENERAL_NAME_num(alternatives) && used + 1 < names_size; i++) {
            const GENERAL_NAME *name = sk_GENERAL_NAME_value(alternatives, i);
            if (name->type == GEN_DNS) {
                const char *text = (const char *)ASN1_STRING_get0_data(name->d.dNSName);
                if (strcmp(text, names) == 0) continue;
                used += (size_t)snprintf(names + used, names_size - used, "%s%s", used ? ", " : "", text);
                if (used >= names_size) used = names_size - 1;
            } else if (name->type == GEN_IPADD && name->d.iPAddress->length == 4) {
                const unsigned char *a = ASN1_STRING_get0_data(name->d.iPAddress);
                used += (size_t)snprintf(names + used, names_size - used, "%s%u.%u.%u.%u", used ? ", " : "",
                                         a[0], a[1], a[2], a[3]);
                if (used >= names_size) used = names_size - 1;
            }
        }
        GENERAL_NAMES_free(alternatives);
    }
    if (X509_NAME_get_text_by_NID(X509_get_issuer_name(certificate), NID_commonName, issuer, (int)issuer_size) < 0) {
        X509_NAME_oneline(X509_get_issuer_name(certificate), issuer, (int)issuer_size);
    }
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio != NULL) {
        if (ASN1_TIME_print(bio, X509_get0_notAfter(certificate)) == 1) {
            int length = BIO_read(bio, not_after, (int)not_after_size - 1);
            not_after[length > 0 ? length : 0] = 0;
        }
        BIO_free(bio);
    }
    X509_free(certificate);
}

#endif
