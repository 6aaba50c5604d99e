/** Removes the run's temporary folder (database, mails, uploads) unless E2E_KEEP=1. */
import fs from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.E2E_WORK_DIR;
  if (!dir) return;
  if (process.env.E2E_KEEP === '1') {
    console.log(`e2e: kept the server's database and mails in ${dir}`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
