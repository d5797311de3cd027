/* fuzz_makemap.c - libFuzzer harness for makemap's input-line parser
 * (makemap/mm_parse.c, included directly). The first byte picks the
 * options (separator, comment char, -f, -e, -N); the rest is cut into
 * fgets-sized lines and parsed; checks the record invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../makemap/mm_parse.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct mm_popts o;
	o.sep = (data[0] & 1) ? ':' : 0;
	o.comment = (data[0] & 2) ? '%' : ((data[0] & 4) ? 0 : '#');
	o.foldcase = !(data[0] & 8);
	o.allowempty = (data[0] & 16) != 0;
	o.inclnull = (data[0] & 32) != 0;
	data++, size--;
	char buf[MM_LINEBUF];
	size_t i = 0;
	while (i < size) {
		size_t n = 0;
		while (i < size && n < sizeof buf - 1) {
			buf[n++] = (char)data[i++];
			if (buf[n - 1] == '\n')
				break;
		}
		buf[n] = '\0';
		(void)mm_parse_chomp(buf);
		size_t blen = strlen(buf);
		struct mm_rec r;
		enum mm_pres st = mm_parse_line(buf, &o, &r);
		if (st == MM_REC) {
			size_t nul = o.inclnull ? 1 : 0;
			if (r.klen != strlen(r.key) + nul || r.vlen != strlen(r.val) + nul)
				abort();
			if (r.key != buf || r.val < buf || r.val > buf + blen)
				abort();
			if (!o.allowempty && r.val[0] == '\0')
				abort();
		}
	}
	return 0;
}
