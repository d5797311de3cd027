divert(-1)
# ref-hermetic.m4 -- appended (as a second m4 input, after the reference's own
# example .mc) by run.sh when it turns the reference package's cf/cf/*.mc into
# test/out/diff/cf/ref-*.cf.  The .mc files themselves are used where the
# reference package installed them and never copied.  The proto file is read
# only at the end of input, so these settings win over the .mc and its
# system type file.
# @OUT@ is replaced by the absolute path of test/out/diff.  Remaining
# "/etc/mail/" paths of the generated cf are rewritten by run.sh (sed) to
# @OUT@/etc/refmail/, which holds the same test data files and maps.
define(`confSERVICE_SWITCH_FILE', `@OUT@/etc/service.switch')
define(`confHOSTS_FILE', `@OUT@/etc/hosts')
define(`confCW_FILE', `@OUT@/etc/local-host-names')
define(`confCT_FILE', `@OUT@/etc/trusted-users')
define(`HELP_FILE', `@OUT@/etc/helpfile')
divert(0)dnl
