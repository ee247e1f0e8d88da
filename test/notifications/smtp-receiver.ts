/**
 * A real SMTP server on 127.0.0.1 for e-mail tests: it collects every message it accepts, decoded
 * (headers with RFC 2047 words, bodies in base64 or quoted-printable) so a test reads what a mail
 * client would show, and can be told to refuse messages with a reply code.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the receiver accepted it. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  headers: Map<string, string>;
}

/** The running receiver. */
export interface SmtpReceiver {
  url: string;
  received: ReceivedMail[];
  /** Messages refused so far (answered with the refusal's reply code). */
  refused: number;
  /** While set, every message is refused with this reply code (4xx: try later; 5xx: never). */
  refuseWith: number | null;
  close(): Promise<void>;
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** A header value with its encoded words decoded; adjacent words join before decoding (a character may span two). */
export function decodeHeader(value: string): string {
  const parts: (string | Buffer)[] = [];
  let last = 0;
  for (const m of value.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
    const between = value.slice(last, m.index);
    const prev = parts.at(-1);
    const bytes = m[1]!.toUpperCase() === 'B' ? Buffer.from(m[2]!, 'base64') : qpBytes(m[2]!.replace(/_/g, ' '));
    if (Buffer.isBuffer(prev) && /^\s*$/.test(between)) {
      parts[parts.length - 1] = Buffer.concat([prev, bytes]);
    } else {
      parts.push(between, bytes);
    }
    last = m.index + m[0].length;
  }
  parts.push(value.slice(last));
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : p)).join('');
}

/** Parses a single-part message (what the sender writes: one text part). */
export function parseMail(raw: Buffer, to: string[]): ReceivedMail {
  const source = raw.toString('latin1');
  const split = source.indexOf('\r\n\r\n');
  const head = source.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = source.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : encoding === 'quoted-printable' ? qpBytes(body.replace(/=\r\n/g, ''))
      : Buffer.from(body, 'latin1');
  return { to, subject: decodeHeader(headers.get('subject') ?? ''), text: bytes.toString('utf8').replace(/\r\n/g, '\n').trimEnd(), headers };
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = {
    url: '', received: [], refused: 0, refuseWith: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Connections the sender's pool keeps open are ended at once when the test closes the server.
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (receiver.refuseWith !== null) {
          receiver.refused++;
          const err = Object.assign(new Error(receiver.refuseWith >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: receiver.refuseWith });
          callback(err);
          return;
        }
        receiver.received.push(parseMail(Buffer.concat(chunks), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  receiver.url = `smtp://127.0.0.1:${port}`;
  return receiver;
}
