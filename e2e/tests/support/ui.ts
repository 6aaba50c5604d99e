/** Small helpers so the specs read like the journey and survive label tweaks. */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const screenshotDir = path.resolve(__dirname, '..', '..', 'screenshots');

/** Full-page screenshot into e2e/screenshots/<test>/<nn>-<name>.png, also attached to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const folder = path.join(screenshotDir, testInfo.titlePath.slice(1).join(' - ').replace(/[^\w.-]+/g, '-'));
  fs.mkdirSync(folder, { recursive: true });
  const n = fs.readdirSync(folder).filter((f) => f.endsWith('.png')).length + 1;
  const file = path.join(folder, `${String(n).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * Sets a form control that may be a <select> or a text input: a select gets the first option
 * whose value or label equals one of `candidates` (case-insensitive); an input gets `candidates[0]`.
 */
export async function choose(control: Locator, candidates: string[]): Promise<void> {
  await expect(control).toBeVisible();
  const tag = await control.evaluate((el) => el.tagName.toLowerCase());
  if (tag !== 'select') {
    await control.fill(candidates[0]);
    return;
  }
  const options = await control.locator('option').evaluateAll((els) =>
    els.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o.textContent ?? '').trim() })),
  );
  const wanted = candidates.map((c) => c.toLowerCase());
  const hit = options.find((o) => wanted.includes(o.value.toLowerCase()) || wanted.includes(o.label.toLowerCase()));
  if (!hit) {
    throw new Error(`none of ${JSON.stringify(candidates)} among the options ${JSON.stringify(options)}`);
  }
  await control.selectOption(hit.value);
}
