#!/usr/bin/env python3
"""mime_msgs.py - the input messages of the MIME 8->7 cases of
t_deliver2.sh (delivery to an F=7 mailer): writes mime_<name> files into
the directory given. Touches only that directory.
Usage: python3 test/diff/mime_msgs.py DIR"""
import base64
import os
import sys

MV = b'Subject: mime\nMIME-Version: 1.0\n'
AZ = b'abcdefghijklmnopqrstuvwxyz'


def multi(parts, ctype=b'multipart/mixed', bound=b'XX', pre=b'', post=b''):
    """A multipart body: parts are (headers, body) byte strings."""
    out = b'Content-Type: ' + ctype + b'; boundary="' + bound + b'"\n\n' + pre
    for h, b in parts:
        out += b'--' + bound + b'\n' + h + b'\n' + b
    return out + b'--' + bound + b'--\n' + post


MSGS = {
    # mostly ASCII, a few 8-bit bytes: quoted-printable
    'qp': MV + b'Content-Type: text/plain; charset=iso-8859-1\n\n'
          b'Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e.\nsecond line is plain\n\nafter a blank\n',
    # mostly 8-bit, not text: base64 in lines of 72, '\n' as CRLF
    'b64': MV + b'Content-Type: application/octet-stream\n\n'
           + bytes(range(128, 256)) + b'\n' + bytes(range(128, 200)) + b'\n\xe9\r\xe9',
    # one byte in eight (not more) is 8-bit: still quoted-printable
    'ratio': MV + b'Content-Type: text/plain\n\n' + b'a' * 13 + b'\xe9\xe9\n',
    # multipart/mixed: an 8-bit text part, a 7-bit one, an 8-bit html
    # part (base64), 8-bit preamble and epilogue (high bit stripped)
    'multi': MV + multi([
        (b'Content-Type: text/plain; charset=iso-8859-1\n',
         b'caf\xe9 au lait is nice\nline 2\n\n'),
        (b'Content-Type: text/plain\n', b'seven bit\n'),
        (b'Content-Type: text/html\nContent-Disposition: inline\n',
         b'<p>\xe9\xe9\xe9</p>\n\n\n'),
    ], pre=b'preamble caf\xe9\n', post=b'epilogue caf\xe9\n'),
    # nested: multipart/alternative inside mixed, message/rfc822 (the
    # inner message gets MIME-Version), multipart/digest (parts default
    # to message/rfc822), multipart/signed (class n: untouched),
    # message/delivery-status (not converted)
    'nested': MV + multi([
        (b'Content-Type: multipart/alternative; boundary=inner\n',
         b'--inner\nContent-Type: text/plain\n\nplain caf\xe9 text here ok\n'
         b'--inner\nContent-Type: text/html\n\n<p>\xe9\xe9\xe9</p>\n--inner--\n'),
        (b'Content-Type: message/rfc822\nContent-Transfer-Encoding: 7bit\n',
         b'From: joe\nTo: bob, "Al" <al>\nSubject: inner caf\xe9\nBcc: hid\n\n'
         b'body ' + AZ + b' \xe9\n'),
        (b'Content-Type: multipart/digest; boundary="DD"\n',
         b'--DD\n\nSubject: digested\n\n' + AZ + b' inner caf\xe9\n--DD--\n'),
        (b'Content-Type: multipart/signed; boundary="S"\n',
         b'--S\nContent-Type: text/plain\n\nsigned caf\xe9 ' + AZ + b'\n--S--\n\n'),
        (b'Content-Type: message/delivery-status\n', b'X: caf\xe9 ' + AZ + b'\n'),
        (b'Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n',
         b'Subject: enc\n\nbody \xe9\n'),
    ]),
    # declared encodings: 8bit (converted, its header replaced), 7BIT
    # with a comment and base64 (kept, moved after the other headers),
    # binary (always base64)
    'cte': MV + multi([
        (b'Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\nX-After: y\n',
         AZ + b' caf\xe9\n'),
        (b'Content-Transfer-Encoding:  7BIT (comment)\nContent-Type: text/plain\n',
         b'seven\n'),
        (b'Content-Transfer-Encoding: base64\nX-Last: z\n', b'YWJj\xe9\n'),
        (b'Content-Type: text/plain\nContent-Transfer-Encoding: Binary\n',
         AZ + b'\xe9\n'),
    ]),
    # top level: no Content-Type (text/plain; charset=DefaultCharSet is
    # added), Content-Transfer-Encoding: 8bit replaced
    'cte_top': MV + b'Content-Transfer-Encoding: 8bit\nX-Last: z\n\nbody caf\xe9 ' + AZ + b'\n',
    # quoted-printable soft breaks (73 columns used, '.' kept on the line
    # up to 75, a '.' before the break moved to the next line)
    'long': MV + b'Content-Type: text/plain\n\n\xe9\n' + b''.join([
        b'x' * n + b'\n' for n in (72, 73, 74, 75, 76, 77, 150)]) + b''.join([
        b'x' * 73 + b'.y\n', b'x' * 73 + b'.\n', b'x' * 72 + b'...\n',
        b'x' * 74 + b'..\n', b'x' * 71 + b'\xe9..\n', b'x' * 72 + b'\xe9.\n',
        b'x' * 72 + b'\xe9y\n', b'x' * 75 + b'=\n', b'x' * 72 + b' .\n',
        b'x' * 72 + b' ..\n', b'x' * 73 + b'  \n', b'y' * 200 + b'\n']),
    # trailing blanks, "From " (F=E), '=', controls, every byte value
    'ws': MV + b'Content-Type: text/plain\n\n' + b''.join([
        b'caf\xe9 trailing space \n', b'trailing tab\t\n', b'spaces   \n',
        b'From me\n', b'From  two\n', b'From\ttab\n', b'Fxom x\n', b'From \n',
        b'a=b\n', b'ctl\x01\x7f here\n', b'mid\ttab\n', b'cr\rmid\n', b' \n', b'\t\n',
        bytes(c for c in range(1, 256) if c != 10) + b'\n', b'ends in space ']),
    # lone dots: =2E (submitted with -oi)
    'dot': MV + multi([
        (b'Content-Type: text/plain\n', b'caf\xe9 ' + AZ + b'\n.\n..\n.x\n. \n.\n'),
        (b'Content-Type: text/plain\n', b'.\nseven\n'),
    ]),
    # not MIME, 8-bit (EightBitMode=m or -B8BITMIME: converted with the
    # MIME headers added; -B7BIT: high bit stripped)
    'nomime': b'Subject: plain\nX-Last: z\n\nnon mime body caf\xe9\n',
    'nomime_ct': b'Subject: plain\nContent-Type: text/plain; charset=iso-8859-1\n\n'
                 b'body caf\xe9 ' + AZ + b'\n',
    # the header is 8-bit, the body not: only Content-Type is added
    'hdr8': b'Subject: caf\xe9\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7BIT\n\nbody\n',
    # no boundary= (reported, "-------" closes the body)
    'nobound': MV + b'Content-Type: Multipart/Mixed; charset=x\n\npre\n--XX\n'
               b'Content-Type: text/plain\n\n' + AZ + b' caf\xe9\n--XX--\n',
    # 25 nested multiparts: the 21st is too deep (reported)
    'deep': MV + b''.join(b'Content-Type: multipart/mixed; boundary="B%d"\n\n--B%d\n' % (i, i)
                          for i in range(25))
            + b'Content-Type: text/plain\n\ncaf\xe9 ' + AZ + b'\n'
            + b''.join(b'--B%d--\n' % i for i in reversed(range(25))),
    # boundary matching: trailing blanks, a longer line, an unclosed
    # inner multipart; part headers: blanks kept, a non-header line ends
    # the block (and is lost)
    'bounds': MV + b'Content-Type: Multipart/Mixed; foo=bar;\n\tBOUNDARY="X X"\n\n'
              b'--X X  \nX-A:b\nX-B:    c  \nX-C :d\nContent-type: text/plain\n\n'
              b'caf\xe9 ' + AZ + b'\n--X XY\nstill part one \xe9\n'
              b'--X X\nContent-Type: text/plain\nbad header line\nX-A: b\n\n\xe9\xe9\n'
              b'--X X\nContent-Type: multipart/alternative; boundary=in\n\n'
              b'--in\n\ninner \xe9\xe9\xe9\n--X X--\nafter\n',
    # the end of the df inside a multipart (no closing boundary)
    'eof_qp': MV + b'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\n'
              b'Content-Type: text/plain\n\n' + AZ + b' caf\xe9\n\n',
    'eof_b64': MV + b'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\n'
               b'Content-Type: text/plain\n\n\xe9\xe9',
    # the scan stops once 4096 bytes are read and a quarter is 8-bit:
    # base64 although the whole is mostly ASCII (lines, one long line)
    'scan4k': MV + b'Content-Type: text/plain\n\n'
              + (b'\xe9' * 1000 + b'\n') * 3 + (b'a' * 500 + b'\n') * 100,
    'scan4k_line': MV + b'Content-Type: text/plain\n\n' + b'\xe9' * 4000 + b'a' * 40000 + b'\n',
    # for any mailer: part headers rewritten ("X-C:d"), a non-header
    # line lost, 8-bit preamble/epilogue stripped, an unclosed multipart
    # closed, an unended last line continued by the closing boundary
    'walk': b'Subject: walk\n' + multi([
        (b'X-C :d\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\nX-Z: z\n',
         b'eight caf\xe9\n'),
        (b'Content-Type: text/plain\nnot a header\nX-A: b\n', b'body\n'),
    ], pre=b'pre caf\xe9\n', post=b'post caf\xe9\n')
            + b'--XX\nContent-Type: text/plain\n\nunclosed, unended \xe9',
    # 7->8 (F=9, no F=7): text/plain in quoted-printable (soft breaks
    # join, junk after '=' drops the rest of the line, lowercase hex,
    # blanks between the digits) or base64 (CRLF and LF end lines, a lone
    # CR stays, invalid characters decode as all ones, '=' groups
    # skipped); one more line end at the end
    'to8_qp': MV + b'Content-Type: text/plain; charset=iso-8859-1\n'
              b'Content-Transfer-Encoding: Quoted-Printable\nX-Last: z\n\n'
              b'caf=E9 lower=e9 eq=3D soft=\nbreak sp=20\ntrail =20 \n'
              b'invalid=ZZ x=4 =\n\nsplit=4 1\n=2E\n.\nFrom me=\nFrom you\n=46rom x\nend=\n',
    'to8_b64': MV + b'Content-Type: text/plain;charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
               + base64.encodebytes(b'caf\xe9\r\nline2\r\nlone\rcr\nlf only\n\r\nFrom x\r\nend')
               + b'YWJj\nZGVm!Z2g=\nx y z\nYQ==YWJj\n',
    # lines over 2048 bytes: base64 cut there; quoted-printable read in
    # pieces of 2047 (junk drops the rest of a piece only)
    'to8_long': MV + b'Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n'
                + b'x' * 2046 + b'=41' + b'y' * 100 + b'\n' + b'z' * 2045 + b'=ZZ' + b'w' * 10 + b'\nend=',
    'to8_long64': MV + b'Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n'
                  + base64.encodebytes(b'x' * 2047 + b'\r\n' + b'y' * 2047 + b'\n' + b'z' * 4100),
    # not converted: not text/plain, not exactly the encoding's name
    'to8_html': MV + b'Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9\n',
    'to8_comment': MV + b'Content-Type: TEXT/PLAIN\nContent-Transfer-Encoding: quoted-printable (c)\n\ncaf=E9\n',
}


def main():
    d = sys.argv[1]
    for name, data in MSGS.items():
        with open(os.path.join(d, 'mime_' + name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
