#!/bin/sh
# cf/demo.sh - `./Build demo`: a self-contained Osprey under run/ (queue,
# mailboxes, statistics): writes run/sendmail.cf from cf/cf/osprey-local.cf
# with absolute paths, submits a message, lists the queue, runs it and
# shows the delivered mailbox. Touches only run/.
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
sm=$top/sendmail/sendmail
mkdir -p run/queue run/mail run/hoststat || exit 1
chmod 700 run/queue
: >> run/statistics
[ -f run/aliases ] || printf 'postmaster: root\nMAILER-DAEMON: postmaster\n' > run/aliases
# $j must be a qualified name: the host's, else <host>.localdomain
fqdn=$(hostname -f 2>/dev/null || hostname)
case $fqdn in *.*) ;; *) fqdn=$fqdn.localdomain;; esac
{
sed -e "s|=run/|=$top/run/|" -e "s|P=cf/cf/|P=$top/cf/cf/|" \
    -e "s|ServiceSwitchFile=cf/cf/|ServiceSwitchFile=$top/cf/cf/|" \
    cf/cf/osprey-local.cf
printf '# the qualified host name (cf/demo.sh)\nDj%s\nCw%s\n' "$fqdn" "$fqdn"
} > run/sendmail.cf
cf=$top/run/sendmail.cf
user=${1:-$(id -un)}
echo "== submitting a message to $user (queued only: -odq)"
printf 'Subject: hello from Osprey\n\nThis message went through the queue.\n' |
	"$sm" -C "$cf" -odq "$user" || exit 1
echo "== mailq"
"$sm" -C "$cf" -bp
echo "== queue run (sendmail -q -v)"
"$sm" -C "$cf" -q -v
echo "== run/mail/$user"
cat "run/mail/$user"
echo "== mailq"
"$sm" -C "$cf" -bp
