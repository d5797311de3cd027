/* fuzz_readcf.c - libFuzzer harness for the cf reader: each input is
 * written to a private temp file and read with readcf() (test mode), then
 * freed.  Touches only its own temp file.  Built by test/fuzz/run.sh. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sendmail/config.h"
#include "sendmail/err.h"
#include "libsmutil/poison.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[64];
static FILE *fuzz_sink;

/* An F line can name a program ("F{x}|prog") that readcf runs: never let
 * random input run programs.  Reject any input with an F line and a '|'. */
static int fuzz_readcf_unsafe(const uint8_t *d, size_t n)
{
	int has_f = n > 0 && d[0] == 'F';
	for (size_t i = 0; i + 1 < n && !has_f; i++)
		if (d[i] == '\n' && d[i + 1] == 'F')
			has_f = 1;
	return has_f && memchr(d, '|', n) != NULL;
}

/* Write the input to the temp file (created once per process). */
static int fuzz_readcf_write(const uint8_t *d, size_t n)
{
	if (fuzz_path[0] == '\0') {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/fuzz_readcf.%ld.cf", (long)getpid());
		fuzz_sink = fopen("/dev/null", "w");
		if (fuzz_sink != NULL)
			err_set_output(fuzz_sink, 1);
	}
	int fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	size_t off = 0;
	while (off < n) {
		ssize_t w = write(fd, d + off, n - off);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	close(fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536 || fuzz_readcf_unsafe(data, size))
		return 0;
	if (fuzz_readcf_write(data, size) != 0)
		return 0;
	err_reset_exitstat();
	err_reset_count();
	struct config *cf = readcf(fuzz_path, 't', NULL);
	if (cf != NULL)
		config_free(cf);
	return 0;
}
