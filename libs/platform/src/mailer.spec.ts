import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { testConfig } from '@hearth/platform/testing';
import { Mailer } from './mailer';

/**
 * A small SMTP server on 127.0.0.1 that speaks just enough of the protocol for one message
 * per connection, keeps what it receives, and can refuse recipients.
 */
class TinySmtpServer {
  readonly received: Array<{ from: string; to: string[]; data: string }> = [];
  refuseRecipients = false;
  private readonly server: Server = createServer((socket) => this.converse(socket));

  async start(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as { port: number }).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private converse(socket: Socket): void {
    let buffer = '';
    let inData = false;
    let message = { from: '', to: [] as string[], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 tiny.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          message.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          this.received.push(message);
          message = { from: '', to: [], data: '' };
          reply('250 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') reply('250 tiny.test');
        else if (command === 'MAIL') (message.from = line), reply('250 ok');
        else if (command === 'RCPT') {
          if (this.refuseRecipients) reply('451 try again later');
          else message.to.push(line), reply('250 ok');
        } else if (command === 'DATA') (inData = true), reply('354 go ahead');
        else if (command === 'QUIT') reply('221 bye'), socket.end();
        else if (command === 'RSET' || command === 'NOOP') reply('250 ok');
        else reply('502 not here');
      }
    });
  }
}

describe('Mailer through SMTP_URL', () => {
  const smtp = new TinySmtpServer();
  let mailer: Mailer;

  beforeAll(async () => {
    const port = await smtp.start();
    mailer = new Mailer(testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, HEARTH_MAIL_FROM: 'Hearth <hearth@example.org>' }));
  });
  afterAll(() => smtp.stop());

  it('sends the message to the SMTP server, from the configured sender', async () => {
    await mailer.send({ to: 'ada@example.org', subject: 'Sam replied to your answer', text: 'Hello Ada,\n\nOpen it in Hearth.\n' });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.from).toMatch(/<hearth@example\.org>/);
    expect(mail.to).toEqual([expect.stringMatching(/<ada@example\.org>/)]);
    expect(mail.data).toMatch(/^Subject: Sam replied to your answer$/m);
    expect(mail.data).toContain('Open it in Hearth.');
  });

  it('fails the send when the server refuses, so the outbox tries again later', async () => {
    smtp.refuseRecipients = true;
    try {
      await expect(mailer.send({ to: 'ben@example.org', subject: 'x', text: 'y' })).rejects.toThrow(/451/);
    } finally {
      smtp.refuseRecipients = false;
    }
  });
});
