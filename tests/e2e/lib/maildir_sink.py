"""maildir_sink.py - a local SMTP server's handler for kpp's tests and demo: every message it accepts is
written whole to a Maildir, and it can be told to refuse the next ones.

    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c maildir_sink.Handler MAILDIR [CONTROL]

(with this directory in PYTHONPATH; Debian's python3-aiosmtpd). Each message lands in MAILDIR/new/ as
received, after a Return-Path and a Delivered-To line naming its envelope, as a real server's delivery
would, and an X-Sink-Peer line naming the client's address and port (the connection it came over).
CONTROL, when given, is a file of planned answers, one line each ("451 4.3.0 Try again later"):
each message's DATA takes the first line and removes it, and is refused with it; an empty or missing file
means 250, accepted. Only Python's standard library besides aiosmtpd.
"""
import mailbox
import os


class Handler:
    def __init__(self, maildir, control=None):
        self.box = mailbox.Maildir(maildir, create=True)
        self.control = control
        self.accepted = 0

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) not in (1, 2):
            parser.error('maildir_sink.Handler takes MAILDIR [CONTROL]')
        return cls(*args)

    def _planned(self):
        """The next planned answer, taken off the control file; None: accept."""
        if not self.control:
            return None
        try:
            with open(self.control, encoding='utf-8') as f:
                lines = [line.rstrip('\r\n') for line in f if line.strip()]
        except FileNotFoundError:
            return None
        if not lines:
            return None
        tmp = self.control + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(''.join(line + '\n' for line in lines[1:]))
        os.replace(tmp, self.control)
        return lines[0]

    async def handle_DATA(self, server, session, envelope):
        answer = self._planned()
        if answer is not None:
            return answer
        # The client's address and port: messages sent over one connection name the same one.
        head = 'X-Sink-Peer: %s:%d\r\n' % tuple(session.peer[:2])
        head += 'Return-Path: <%s>\r\n' % envelope.mail_from
        head += ''.join('Delivered-To: <%s>\r\n' % rcpt for rcpt in envelope.rcpt_tos)
        self.box.add(head.encode('ascii') + envelope.original_content)
        self.accepted += 1
        return '250 2.0.0 Ok: queued as %d' % self.accepted
