/* hoststat_text.c - the texts hoststat prints: errno strings as sendmail's
 * sm_errstring gives them (its pseudo errors 256-267, the resolver range
 * 277-280, and 326 and up mapped to LDAP result codes the way the Debian
 * build's libldap names them; everything else strerror), and the sysexits
 * texts. Tables only; touches nothing. Texts observed from the reference. */
#include <string.h>
#include <stdio.h>
#include "hoststat.h"
#include "poison.h"

#define HOSTSTAT_PSEUDO 256          /* first sendmail pseudo errno */
#define HOSTSTAT_DNS (HOSTSTAT_PSEUDO + 20)
#define HOSTSTAT_LDAP0 (HOSTSTAT_PSEUDO + 100)   /* LDAP code 0 */
#define HOSTSTAT_LDAPMIN (HOSTSTAT_LDAP0 - 30)

static const char *const hoststat_pseudo[] = {
	"Timeout on file open", "Symbolic links not allowed",
	"Hard links not allowed", "Regular files only",
	"Executable files not allowed", "World writable directory",
	"Group writable directory", "File changed after open",
	"World writable file", "Group writable file", "Group readable file",
	"World readable file",
};

static const char *const hoststat_dns[] = {
	"Name server: host not found", "Name server: host name lookup failure",
	"Name server: non-recoverable error", "Name server: no data known",
};

static const struct { int code; const char *text; } hoststat_ldap[] = {
	{ -18, "Connecting (X)" },
	{ -17, "Referral Limit Exceeded" },
	{ -16, "Client Loop" },
	{ -15, "More results to return" },
	{ -14, "No results returned" },
	{ -13, "Control not found" },
	{ -12, "Not Supported" },
	{ -11, "Connect error" },
	{ -10, "Out of memory" },
	{ -9, "Bad parameter to an ldap routine" },
	{ -8, "User cancelled operation" },
	{ -7, "Bad search filter" },
	{ -6, "Unknown authentication method" },
	{ -5, "Timed out" },
	{ -4, "Decoding error" },
	{ -3, "Encoding error" },
	{ -2, "Local error" },
	{ -1, "Can't contact LDAP server" },
	{ 0, "Success" },
	{ 1, "Operations error" },
	{ 2, "Protocol error" },
	{ 3, "Time limit exceeded" },
	{ 4, "Size limit exceeded" },
	{ 5, "Compare False" },
	{ 6, "Compare True" },
	{ 7, "Authentication method not supported" },
	{ 8, "Strong(er) authentication required" },
	{ 9, "Partial results and referral received" },
	{ 10, "Referral" },
	{ 11, "Administrative limit exceeded" },
	{ 12, "Critical extension is unavailable" },
	{ 13, "Confidentiality required" },
	{ 14, "SASL bind in progress" },
	{ 16, "No such attribute" },
	{ 17, "Undefined attribute type" },
	{ 18, "Inappropriate matching" },
	{ 19, "Constraint violation" },
	{ 20, "Type or value exists" },
	{ 21, "Invalid syntax" },
	{ 32, "No such object" },
	{ 33, "Alias problem" },
	{ 34, "Invalid DN syntax" },
	{ 35, "Entry is a leaf" },
	{ 36, "Alias dereferencing problem" },
	{ 47, "Proxy Authorization Failure (X)" },
	{ 48, "Inappropriate authentication" },
	{ 49, "Invalid credentials" },
	{ 50, "Insufficient access" },
	{ 51, "Server is busy" },
	{ 52, "Server is unavailable" },
	{ 53, "Server is unwilling to perform" },
	{ 54, "Loop detected" },
	{ 64, "Naming violation" },
	{ 65, "Object class violation" },
	{ 66, "Operation not allowed on non-leaf" },
	{ 67, "Operation not allowed on RDN" },
	{ 68, "Already exists" },
	{ 69, "Cannot modify object class" },
	{ 70, "Results too large" },
	{ 71, "Operation affects multiple DSAs" },
	{ 76, "Virtual List View error" },
	{ 80, "Other (e.g., implementation specific) error" },
	{ 113, "LCUP Resources Exhausted" },
	{ 114, "LCUP Security Violation" },
	{ 115, "LCUP Invalid Data" },
	{ 116, "LCUP Unsupported Scheme" },
	{ 117, "LCUP Reload Required" },
	{ 118, "Cancelled" },
	{ 119, "No Operation to Cancel" },
	{ 120, "Too Late to Cancel" },
	{ 121, "Cannot Cancel" },
	{ 122, "Assertion Failed" },
	{ 123, "Proxied Authorization Denied" },
	{ 4096, "Content Sync Refresh Required" },
	{ 16640, "Content Sync Refresh Required (X)" },
	{ 16654, "No Operation (X)" },
	{ 16655, "Assertion Failed (X)" },
	{ 16672, "TXN specify okay" },
	{ 16673, "TXN ID is invalid" },
};

/* LDAP result code -> text (libldap's names, unknown codes by range). */
static const char *hoststat_ldap_text(int code)
{
	for (size_t i = 0; i < sizeof hoststat_ldap / sizeof hoststat_ldap[0]; i++)
		if (hoststat_ldap[i].code == code)
			return hoststat_ldap[i].text;
	if (code < -18)
		return "Unknown API error";
	if (code < 0x1000)
		return "Unknown error";
	if (code < 0x4000)
		return "Unknown (extension) error";
	return "Unknown (private extension) error";
}

const char *hoststat_errstring(int errnum, char *buf, size_t size)
{
	if (errnum >= HOSTSTAT_PSEUDO &&
	    errnum < HOSTSTAT_PSEUDO + (int)(sizeof hoststat_pseudo / sizeof hoststat_pseudo[0]))
		return hoststat_pseudo[errnum - HOSTSTAT_PSEUDO];
	if (errnum > HOSTSTAT_DNS && errnum <= HOSTSTAT_DNS + 4)
		return hoststat_dns[errnum - HOSTSTAT_DNS - 1];
	if (errnum >= HOSTSTAT_LDAPMIN)
		return hoststat_ldap_text(errnum - HOSTSTAT_LDAP0);
	snprintf(buf, size, "%s", strerror(errnum));
	return buf;
}

static const char *const hoststat_sysexits[] = {
	"5.0.0 Command line usage error", "5.6.0 Data format error",
	"5.3.0 Cannot open input", "5.1.1 User unknown", "5.1.2 Host unknown",
	"5.0.0 Service unavailable", "5.3.0 Internal error",
	"4.0.0 Operating system error", "5.3.5 System file missing",
	"5.0.0 Can't create output", "4.0.0 I/O error", "4.0.0 Deferred",
	"5.5.0 Remote protocol error", "5.0.0 Insufficient permission",
	"5.3.5 Local configuration error",
};

const char *hoststat_sysexit_text(int status)
{
	if (status < 64 || status > 78)
		return NULL;
	return hoststat_sysexits[status - 64];
}
