/* test_stats.c - StatusFile layout (1448 bytes, offsets as the reference),
 * validation order and the read-merge-write update. Writes only
 * test/out/unit-stats. */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "../../libsmutil/stats.h"
#include "../../libsmutil/poison.h"

#define F "test/out/unit-stats/st"

static int t_open(const char *data, size_t n)
{
	int fd = open(F, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (n > 0 && write(fd, data, n) != (ssize_t)n)
		return -1;
	lseek(fd, 0, SEEK_SET);
	return fd;
}

int main(void)
{
	if (system("rm -rf test/out/unit-stats && mkdir -p test/out/unit-stats") != 0)
		return 2;
	struct stats_file st, d;
	CHECK(sizeof st == 1448, "size 1448");
	CHECK(offsetof(struct stats_file, size) == 16 && offsetof(struct stats_file, conn_from) == 24 &&
	      offsetof(struct stats_file, msgs_from) == 48 && offsetof(struct stats_file, quarantined) == 48 + 6 * 200,
	      "field offsets");
	CHECK(stats_kbytes(0) == 0 && stats_kbytes(1) == 1 && stats_kbytes(1024) == 1 && stats_kbytes(1025) == 2, "kbytes");
	int fd = t_open("", 0);
	CHECK(stats_read(fd, &st, 12345) == STATS_OK && st.itime == 12345 && st.magic == STATS_MAGIC, "empty = fresh");
	close(fd);
	stats_init(&st, 1);
	st.magic = 7;
	fd = t_open((char *)&st, sizeof st);
	CHECK(stats_read(fd, &st, 0) == STATS_BADMAGIC, "bad magic");
	close(fd);
	stats_init(&st, 1);
	st.version = 3;
	fd = t_open((char *)&st, sizeof st);
	CHECK(stats_read(fd, &st, 0) == STATS_BADVERSION, "bad version");
	close(fd);
	stats_init(&st, 1);
	fd = t_open((char *)&st, 100);
	CHECK(stats_read(fd, &st, 0) == STATS_BADSIZE, "short file");
	close(fd);
	/* update: merge twice, file content adds up; itime kept */
	stats_init(&st, 777);
	fd = t_open((char *)&st, sizeof st);
	close(fd);
	stats_init(&d, 0);
	stats_count_from(&d, 3, 1500);
	stats_count_to(&d, 3, 10);
	stats_count_to(&d, 99, 10);
	d.conn_from = 1;
	CHECK(stats_update(F, &d) == 0 && stats_update(F, &d) == 0, "update ok");
	fd = open(F, O_RDONLY);
	CHECK(stats_read(fd, &st, 0) == STATS_OK, "updated file valid");
	close(fd);
	CHECK(st.itime == 777 && st.msgs_from[3] == 2 && st.kb_from[3] == 4 && st.msgs_to[3] == 2 &&
	      st.kb_to[3] == 2 && st.conn_from == 2, "merged counts");
	CHECK(stats_update("test/out/unit-stats/absent", &d) < 0 &&
	      access("test/out/unit-stats/absent", F_OK) < 0, "never creates the file");
	return unit_done();
}
