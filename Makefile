# Osprey - the source of truth for building and testing.
# Targets: all test check unit golden diff fuzz bench asan clean update-ref
CC      ?= gcc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
          -Wmissing-prototypes -Wno-unused-parameter -Werror
ifdef SAN
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
ALL_CFLAGS = $(WARN) $(CFLAGS) -I.
LIBS    = -ldb -lresolv

LIBSM_SRC = $(sort $(wildcard libsmutil/*.c))
LIBSM_OBJ = $(LIBSM_SRC:.c=.o)
SM_SRC    = $(filter-out sendmail/main.c,$(sort $(wildcard sendmail/*.c)))
SM_OBJ    = $(SM_SRC:.c=.o)
MM_SRC    = $(filter-out makemap/makemap.c makemap/praliases.c,$(sort $(wildcard makemap/*.c)))
MM_OBJ    = $(MM_SRC:.c=.o)
MQ_SRC    = $(filter-out mailq/mailq.c mailq/mailstats.c,$(sort $(wildcard mailq/*.c)))
MQ_OBJ    = $(MQ_SRC:.c=.o)
UNIT_SRC  = $(filter-out test/unit/unit.c,$(sort $(wildcard test/unit/test_*.c)))
UNIT_BIN  = $(UNIT_SRC:.c=)
HDRS      = $(wildcard libsmutil/*.h sendmail/*.h makemap/*.h mailq/*.h test/unit/*.h)
PROGS     = sendmail/sendmail $(if $(wildcard makemap/makemap.c),makemap/makemap) \
            $(if $(wildcard makemap/praliases.c),makemap/praliases) \
            $(if $(wildcard mailq/mailq.c),mailq/mailq) mailq/mailstats smrsh/smrsh

.PHONY: all test check unit golden diff fuzz bench asan clean update-ref demo

all: $(PROGS) $(UNIT_BIN)

%.o: %.c $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

libsmutil/libsmutil.a: $(LIBSM_OBJ)
	rm -f $@; ar rcs $@ $^

sendmail/libsendmail.a: $(SM_OBJ)
	rm -f $@; ar rcs $@ $^

# sendmail -bp shares mailq's listing code (mailq itself never links sendmail/)
sendmail/sendmail: sendmail/main.o sendmail/libsendmail.a $(MQ_OBJ) libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# makemap and praliases link libsmutil only (never sendmail/ code)
makemap/makemap: makemap/makemap.o $(MM_OBJ) libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

makemap/praliases: makemap/praliases.o $(MM_OBJ) libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# mailq links libsmutil only (never sendmail/ code)
mailq/mailq: mailq/mailq.o $(MQ_OBJ) libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# mailstats reads the cf and the StatusFile itself: libsmutil only
mailq/mailstats: mailq/mailstats.o libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# smrsh links libsmutil only (never sendmail/ code)
smrsh/smrsh: smrsh/smrsh.o libsmutil/libsmutil.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

test/unit/test_%: test/unit/test_%.c test/unit/unit.o sendmail/libsendmail.a libsmutil/libsmutil.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< test/unit/unit.o sendmail/libsendmail.a libsmutil/libsmutil.a $(LIBS)

test check: all
	@sh test/run.sh all

unit: all
	@sh test/run.sh unit
golden: all
	@sh test/run.sh golden
diff: all
	@sh test/run.sh diff

update-ref: all
	@sh test/golden/run.sh --update

# a self-contained run under run/: submit, list, deliver, list (cf/demo.sh)
demo: all
	@sh cf/demo.sh

# The whole suite under ASan/UBSan. Leak reports are off here: the programs
# under test are short-lived and free their configuration at exit only in
# the fuzzers, which do check leaks (make fuzz).
asan:
	$(MAKE) clean
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	OSPREY_SANFLAGS="-fsanitize=address,undefined" $(MAKE) SAN=1 OPT=-O1 test

fuzz:
	@sh test/fuzz/run.sh

bench: all
	@sh test/bench/run.sh

clean:
	rm -f libsmutil/*.o libsmutil/*.a sendmail/*.o sendmail/*.a sendmail/sendmail \
	      makemap/*.o makemap/makemap makemap/praliases mailq/*.o mailq/mailq mailq/mailstats \
	      smrsh/*.o smrsh/smrsh \
	      test/unit/*.o $(UNIT_BIN) test/fuzz/fuzz_*[!.c]
	rm -rf test/out
