#!/bin/sh
# ref-fetch.sh - fetch Debian's sendmail 8.17 packages with apt-get download
# and unpack them with dpkg -x into the cache directory (never installed).
# Prints the unpacked root. Usage: sh test/lib/ref-fetch.sh [cachedir]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-${OSPREY_REF_CACHE:-$top/.cache/ref}}
root=$cache/root
if [ -x "$root/usr/libexec/sendmail/sendmail" ] && [ -d "$root/usr/share/sendmail/cf/m4" ]; then
	echo "$root"; exit 0
fi
mkdir -p "$cache/debs"
cd "$cache/debs"
if ! ls sendmail-bin_*.deb sendmail-cf_*.deb >/dev/null 2>&1; then
	apt-get download sendmail-bin sendmail-cf sendmail-base >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null 2>&1
		apt-get download sendmail-bin sendmail-cf sendmail-base >/dev/null 2>&1
	}
fi
# runtime libraries the reference binary links against
for p in libwrap0 libdb5.3 libldap-2.5-0 libsasl2-2 m4 iproute2 util-linux; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null 2>&1
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1
	}
fi
rm -rf "$root.tmp"; mkdir -p "$root.tmp"
for f in *.deb; do dpkg -x "$f" "$root.tmp"; done
rm -rf "$root"; mv "$root.tmp" "$root"
echo "$root"
