/* test_options.c - the option table: long/short names, abbreviations,
 * ambiguity, value types, Timeout suboptions, word lists, sticky
 * command-line values and the hot copies in struct config. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/options.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/poison.h"

static char errbuf[4096];
static FILE *ef;

static void capture(void)
{
	memset(errbuf, 0, sizeof errbuf);
	ef = fmemopen(errbuf, sizeof errbuf, "w");
	err_set_output(ef, 1);
}

static void release(void)
{
	fclose(ef);
	err_set_output(stdout, 1);
}

static void test_names(void)
{
	struct config *cf = config_new();
	capture();
	options_parse_line(cf, " Foo=bar", 0);
	options_parse_line(cf, " Max=1", 0);
	options_parse_line(cf, " BlankS=.", 0);
	options_parse_line(cf, "Dx", 0);
	options_parse_line(cf, " =x", 0);
	release();
	CHECK(strstr(errbuf, "readcf: unknown option name Foo") != NULL, "unknown long");
	CHECK(strstr(errbuf, "readcf: ambiguous option name Max (matches MaxHopCount and MaxMessageSize)") != NULL,
	      "ambiguous");
	CHECK(strstr(errbuf, "Option BlankS used as abbreviation for BlankSub") != NULL, "abbreviation");
	CHECK(cf->blanksub == '.', "BlankSub mirrored");
	CHECK(strstr(errbuf, "readcf: unknown option name 0x44") != NULL, "unknown short");
	CHECK(strstr(errbuf, "readcf: null option name") != NULL, "null name");
	config_free(cf);
}

static void test_values(void)
{
	struct config *cf = config_new();
	capture();
	options_parse_line(cf, " SevenBitInput", 0);
	options_parse_line(cf, "h17", 0);
	options_parse_line(cf, " ConnectionCacheTimeout = 1h30m", 0);
	options_parse_line(cf, " TempFileMode=0640", 0);
	options_parse_line(cf, " Timeout.ident=5s", 0);
	options_parse_line(cf, " Timeout.bogus=5s", 0);
	options_parse_line(cf, " Timeout.rcpt=5q", 0);
	options_parse_line(cf, "T5d/4h", 0);
	options_parse_line(cf, " ColonOkInAddr=false", 0);
	options_parse_line(cf, " OperatorChars=.:%@", 0);
	release();
	CHECK(option_num(cf, "SevenBitInput", 0) == 1, "bare bool is true");
	CHECK(option_num(cf, "MaxHopCount", 0) == 17, "short int option");
	CHECK(option_num(cf, "ConnectionCacheTimeout", 0) == 5400, "time with spaces around =");
	CHECK(option_num(cf, "TempFileMode", 0) == 0640, "octal mode");
	CHECK(option_num(cf, "Timeout.ident", -1) == 5, "Timeout suboption");
	CHECK(strstr(errbuf, "settimeout: invalid timeout bogus") != NULL, "bad timeout name");
	CHECK(strstr(errbuf, "Invalid time unit `q'") != NULL, "bad time unit");
	CHECK(option_num(cf, "Timeout.queuewarn", 0) == 4 * 3600, "QueueTimeout warn part");
	CHECK(option_num(cf, "Timeout.queuereturn", 0) == 5 * 86400, "QueueTimeout return part");
	CHECK(cf->colon_ok == 0, "ColonOkInAddr mirrored");
	CHECK_STR(cf->operators, ".:%@", "OperatorChars mirrored");
	config_free(cf);
}

static void test_words_and_sticky(void)
{
	struct config *cf = config_new();
	capture();
	options_parse_line(cf, " PrivacyOptions=noexpn", 1);
	options_parse_line(cf, " PrivacyOptions=goaway,bogus", 0);
	options_parse_line(cf, " DontBlameSendmail=ClassFileInUnsafeDirPath,nope", 0);
	options_parse_line(cf, " MaxHopCount=5", 1);
	options_parse_line(cf, " MaxHopCount=9", 0);
	options_parse_line(cf, " Timeout.ident=7s", 1);
	options_parse_line(cf, " Timeout.ident=9s", 0);
	release();
	CHECK(options_privacy(cf, "noexpn") && options_privacy(cf, "novrfy"), "privacy OR-ed, goaway");
	CHECK(!options_privacy(cf, "noreceipts"), "goaway excludes noreceipts");
	CHECK(strstr(errbuf, "readcf: Op line: bogus unrecognized") != NULL, "bad privacy word");
	CHECK(options_dbs(cf, "classfileinunsafedirpath"), "DontBlameSendmail word");
	CHECK(strstr(errbuf, "readcf: DontBlameSendmail option: nope unrecognized") != NULL, "bad dbs word");
	CHECK(option_num(cf, "MaxHopCount", 0) == 5, "command line is sticky");
	CHECK(option_num(cf, "Timeout.ident", 0) == 7, "sticky per timeout");
	config_free(cf);
}

/* Milter.<sub>, SmtpUTF8, PortOptions, TLS word lists, Timeout counts */
static void test_checked_values(void)
{
	struct config *cf = config_new();
	capture();
	options_parse_line(cf, " Milter.bogus=3", 0);
	options_parse_line(cf, " Mil=", 0);
	options_parse_line(cf, " Milter.macros.CONNECT=j", 0);
	options_parse_line(cf, " SmtpUTF8=True", 0);
	options_parse_line(cf, " ClientPortOptions=Zap=1, Port=nosuchservice, D=x", 0);
	options_parse_line(cf, " DaemonPortOptions=Family=local, Port=25", 0);
	options_parse_line(cf, " ServerSSLOptions=+SSL_OP_ALL,zz", 0);
	options_parse_line(cf, " ConnectOnlyTo=localhost", 0);
	options_parse_line(cf, " Timeout=1x,mail=2y", 0);
	release();
	CHECK(strstr(errbuf, "milter_set_option: invalid Milter option bogus\n") != NULL, "milter sub");
	CHECK(strstr(errbuf, "milter_set_option: invalid Milter option, must specify suboption") != NULL,
	      "milter no sub");
	CHECK(strstr(errbuf, "macros.CONNECT") == NULL, "milter sub case-insensitive");
	CHECK(strstr(errbuf, "readcf: option: SmtpUTF8 set but no USE_EAI support") != NULL, "utf8");
	CHECK(strstr(errbuf, "PortOptions parameter \"Zap=1\" unknown") != NULL, "port param");
	CHECK(strstr(errbuf, "Unknown delivery mode x") != NULL, "port D=");
	CHECK(strstr(errbuf, "service \"nosuchservice\" unknown") != NULL, "port service");
	CHECK(strstr(errbuf, "Port= option unsupported for family 1") != NULL, "local port");
	CHECK(strstr(errbuf, "ServerSSLOptions option value zz unrecognized") != NULL &&
	      strstr(errbuf, "value SSL_OP_ALL") == NULL, "ssl options");
	CHECK(strstr(errbuf, "ConnectOnlyTo: invalid IP address localhost") != NULL, "connect only");
	const char *x = strstr(errbuf, "Invalid time unit `x'");
	CHECK(x != NULL && strstr(x + 1, "Invalid time unit `x'") == NULL, "Timeout=1x converted once");
	CHECK(strstr(errbuf, "Invalid time unit `y'") != NULL, "Timeout list goes on after a number");
	config_free(cf);
}

int main(void)
{
	test_checked_values();
	test_names();
	test_values();
	test_words_and_sticky();
	return unit_done();
}
