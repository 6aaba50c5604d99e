/**
 * Reads the emails the development mailer writes into MAIL_DIR (one .txt, .html and .json per
 * message). The worker sends mail asynchronously, so every read polls.
 */
import fs from 'node:fs';
import path from 'node:path';

export const mailDir = (): string => {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set (run through playwright.config.ts)');
  return dir;
};

export interface Mail {
  file: string;
  text: string;
  links: string[];
}

function readMails(): { file: string; mtimeMs: number }[] {
  const dir = mailDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const file = path.join(dir, name);
      return { file, mtimeMs: fs.statSync(file).mtimeMs };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs || b.file.localeCompare(a.file));
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"'\])]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

/**
 * Waits for the newest email addressed to `to` (matched in the .txt or its .json twin) that
 * contains a link matching `link`, and returns that link.
 * `exclude` lists links already used, so a second email of the same kind is told apart.
 */
export async function waitForMailLink(opts: {
  to: string;
  link: RegExp;
  exclude?: string[];
  timeoutMs?: number;
}): Promise<{ link: string; mail: Mail }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const to = opts.to.toLowerCase();
  let seen: string[] = [];
  for (;;) {
    const files = readMails();
    seen = files.map((f) => path.basename(f.file));
    for (const { file } of files) {
      const text = fs.readFileSync(file, 'utf8');
      const twin = file.replace(/\.txt$/, '.json');
      const meta = fs.existsSync(twin) ? fs.readFileSync(twin, 'utf8') : '';
      if (!text.toLowerCase().includes(to) && !meta.toLowerCase().includes(to)) continue;
      const links = linksIn(text);
      const link = links.find((l) => opts.link.test(l) && !(opts.exclude ?? []).includes(l));
      if (link) return { link, mail: { file, text, links } };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `no email to ${opts.to} with a link matching ${opts.link} in ${mailDir()} ` +
          `after ${opts.timeoutMs ?? 20_000} ms; files: ${seen.join(', ') || '(none)'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface MailSummary {
  to: string;
  subject: string;
  links: string[];
  /** File names in the mail folder: `<stem>-<filename>`. */
  attachments: string[];
}

/** The JSON summary written next to a mail's .txt (last, so it is polled for). */
export async function mailSummary(mail: Mail, timeoutMs = 10_000): Promise<MailSummary> {
  const file = mail.file.replace(/\.txt$/, '.json');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as MailSummary;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no readable summary ${file}: ${e}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The bytes of one of a mail's attachments (by its file name in the mail folder). */
export function attachmentBytes(name: string): Buffer {
  return fs.readFileSync(path.join(mailDir(), name));
}
