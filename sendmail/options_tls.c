/* options_tls.c - option values the reference checks word by word:
 * Server/ClientSSLOptions (OpenSSL option names or numbers, +/-),
 * TLSSrvOptions (V, C) and ConnectOnlyTo (an IP address). Messages
 * like sendmail's; values stored as given. Touches cf->options. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* The SSL_OP_ names the reference build knows. */
static const char *const options_tls_names[] = {
	"MICROSOFT_SESS_ID_BUG", "NETSCAPE_CHALLENGE_BUG", "LEGACY_SERVER_CONNECT",
	"NETSCAPE_REUSE_CIPHER_CHANGE_BUG", "SSLREF2_REUSE_CERT_TYPE_BUG",
	"MICROSOFT_BIG_SSLV3_BUFFER", "MSIE_SSLV2_RSA_PADDING",
	"SSLEAY_080_CLIENT_DH_BUG", "TLS_D5_BUG", "TLS_BLOCK_PADDING_BUG",
	"DONT_INSERT_EMPTY_FRAGMENTS", "ALL", "NO_QUERY_MTU", "COOKIE_EXCHANGE",
	"NO_TICKET", "CISCO_ANYCONNECT", "NO_SESSION_RESUMPTION_ON_RENEGOTIATION",
	"NO_COMPRESSION", "ALLOW_UNSAFE_LEGACY_RENEGOTIATION", "SINGLE_ECDH_USE",
	"SINGLE_DH_USE", "EPHEMERAL_RSA", "CIPHER_SERVER_PREFERENCE",
	"TLS_ROLLBACK_BUG", "NO_SSLv2", "NO_SSLv3", "NO_TLSv1", "NO_TLSv1_2",
	"NO_TLSv1_1", "NO_TLSv1_3", "PKCS1_CHECK_1", "PKCS1_CHECK_2",
	"NETSCAPE_CA_DN_BUG", "NETSCAPE_DEMO_CIPHER_CHANGE_BUG",
	"CRYPTOPRO_TLSEXT_BUG", "TLSEXT_PADDING", "ENABLE_MIDDLEBOX_COMPAT",
	"NO_ANTI_REPLAY", "NO_ENCRYPT_THEN_MAC", "NO_RENEGOTIATION",
	"PRIORITIZE_CHACHA", "ALLOW_NO_DHE_KEX", NULL
};

static int options_tls_known(const char *w)
{
	if (isdigit((unsigned char)*w))
		return 1;                 /* a number (strtol prefix) */
	if (strncasecmp(w, "SSL_OP_", 7) != 0)
		return 0;
	for (int i = 0; options_tls_names[i] != NULL; i++)
		if (strcasecmp(options_tls_names[i], w + 7) == 0)
			return 1;
	return 0;
}

/* Server/ClientSSLOptions: words split at one blank or ','. */
int options_tls_sslopts(struct config *cf, const struct opt_def *o, char *val,
			const char *sub, int sticky)
{
	char *copy = mem_strdup(val), *p = copy;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (*p == '-' || *p == '+')
			p++;
		char *q = p;
		while (*p != '\0' && !isspace((unsigned char)*p) && *p != ',')
			p++;
		if (*p != '\0')
			*p++ = '\0';
		if (!options_tls_known(q)) {
			errno = 0;
			err_syserr("readcf: %s option value %s unrecognized", o->name, q);
		}
	}
	mem_free(copy);
	options_store(cf, o->name, val, 0, sticky);
	return 0;
}

/* TLSSrvOptions: the first letter of each word must be V or C. */
int options_tls_srvopts(struct config *cf, const struct opt_def *o, char *val,
			const char *sub, int sticky)
{
	for (const char *p = val; p != NULL && *p != '\0';) {
		if (strchr("VC \t,", *p) == NULL)
			readcf_util_stdout("Warning: Option: %s unknown parameter '%c'\n", o->name,
					   (unsigned char)*p < 0200 && isprint((unsigned char)*p) ? *p : '?');
		p = strpbrk(p + 1, ", \t");
		if (p != NULL)
			p++;
	}
	options_store(cf, o->name, val, 0, sticky);
	return 0;
}

/* ConnectOnlyTo: an IPv4 (inet_addr) or IPv6 address. */
int options_tls_connonly(struct config *cf, const struct opt_def *o, char *val,
			 const char *sub, int sticky)
{
	unsigned char buf[16];
	if (inet_addr(val) == INADDR_NONE && inet_pton(AF_INET6, val, buf) != 1) {
		errno = 0;
		err_syserr("readcf: option %s: invalid IP address %s", o->name, val);
	}
	options_store(cf, o->name, val, 0, sticky);
	return 0;
}
