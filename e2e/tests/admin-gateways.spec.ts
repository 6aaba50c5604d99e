/**
 * Admin › Payment gateways. A platform administrator sees the gateways the server's environment
 * switched on (the e2e server runs with PAYMENT_STUBS=1, so CamPay, pawaPay and Flutterwave point
 * at local stubs, and the test gateway is on in development), then configures Flutterwave here:
 * limited to XAF, with a base URL, a secret key and a secret hash. Half the credentials are
 * refused with the field's message; the whole set is saved, the card says "Admin" and names the
 * credentials that are set, and the secret is nowhere on the page nor in the API's answer. Then
 * the administrator switches Flutterwave off and sees it inactive. The page is read in French too.
 *
 * Flutterwave stays off afterwards (no spec pays through it; CamPay pays withdrawals out in XAF).
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn, type Person } from './support/account';
import { expectAccessible } from './support/a11y';
import { apiClient } from './support/api';
import { snap } from './support/ui';

const ui = {
  sections: 'Administration sections',
  tab: 'Payment gateways',
  active: 'Active',
  inactive: 'Inactive',
  environment: 'Environment',
  admin: 'Admin',
  fromEnv: "From the server's environment",
  neverShown: 'Credential values are never shown, only which ones are set.',
  testReadOnly: /^Read-only: the test gateway/,
  configure: (name: string) => `Configure ${name}`,
  enabled: 'Enabled',
  baseUrl: 'Base URL',
  secretKey: 'Secret key',
  secretHash: 'Secret hash',
  save: 'Save',
  incomplete: /^Incomplete or invalid credentials/,
  saved: (name: string) => `${name} saved`,
  set: 'Set: Base URL, Secret hash, Secret key',
  switchedOff: 'Switched off by an admin.',
  language: { label: 'Language', french: 'Français', english: 'English' },
  fr: { tab: 'Passerelles de paiement', inactive: 'Inactive', admin: 'Admin', neverShown: /ne sont jamais affichées/ },
};

const admin: Person = {
  name: 'Platform Admin',
  email: process.env.E2E_ADMIN_EMAIL ?? '',
  password: process.env.E2E_ADMIN_PASSWORD ?? '',
};

const run = Date.now().toString(36);
const secretKey = `FLWSECK_TEST-e2e-${run}-do-not-show`;
const secretHash = `hash-e2e-${run}-do-not-show`;

/** A gateway's card, by its heading. */
function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** The definition (dd) after a term (dt) in a card. */
function detail(c: Locator, term: string): Locator {
  return c.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

test('a platform admin configures Flutterwave, sees its credentials named but never shown, then switches it off', async ({ page, baseURL }, testInfo) => {
  expect(admin.email, 'E2E_ADMIN_EMAIL comes from playwright.config.ts').not.toBe('');
  await signIn(page, admin);

  await test.step('Admin › Payment gateways shows the stub gateways active from the environment', async () => {
    await page.goto('/admin');
    await page.getByRole('tablist', { name: ui.sections }).getByRole('tab', { name: ui.tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: ui.tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(ui.neverShown)).toBeVisible();
    for (const name of ['CamPay', 'pawaPay', 'Flutterwave']) {
      const c = card(page, name);
      await expect(c).toContainText(ui.active);
      await expect(detail(c, 'Configured by')).toHaveText(ui.environment);
      await expect(detail(c, 'Credentials')).toHaveText(ui.fromEnv);
      await expect(c.getByRole('button', { name: ui.configure(name) })).toBeVisible();
    }
    const test = card(page, 'Test payment');
    await expect(test).toContainText(ui.active);
    await expect(test.getByText(ui.testReadOnly)).toBeVisible();
    await expect(test.getByRole('button')).toHaveCount(0);
    await expect(detail(card(page, 'Flutterwave'), 'Currencies')).toContainText('All it supports');
    await expectAccessible(page, testInfo, 'admin-gateways');
    await snap(page, testInfo, 'gateways-from-environment');
  });

  const flutterwave = card(page, 'Flutterwave');
  const dialog = page.getByRole('dialog', { name: ui.configure('Flutterwave') });

  await test.step('half the credentials are refused, with the reason under them', async () => {
    await flutterwave.getByRole('button', { name: ui.configure('Flutterwave') }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(ui.enabled, { exact: true })).toBeChecked();
    await dialog.getByLabel('XAF', { exact: true }).check();
    await dialog.getByLabel(ui.baseUrl, { exact: true }).fill('http://127.0.0.1:9/');
    await dialog.getByLabel(ui.secretKey, { exact: true }).fill(secretKey);
    await expect(dialog.getByLabel(ui.secretKey, { exact: true })).toHaveAttribute('type', 'password');
    await expectAccessible(page, testInfo, 'gateway-dialog');
    await dialog.getByRole('button', { name: ui.save, exact: true }).click();
    await expect(dialog.getByText(ui.incomplete)).toBeVisible();
    await snap(page, testInfo, 'gateway-incomplete');
  });

  await test.step('with the hash it is saved: Admin, XAF only, credentials named, values nowhere', async () => {
    await dialog.getByLabel(ui.secretHash, { exact: true }).fill(secretHash);
    await dialog.getByRole('button', { name: ui.save, exact: true }).click();
    await expect(page.getByText(ui.saved('Flutterwave'), { exact: true })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(flutterwave).toContainText(ui.active);
    await expect(detail(flutterwave, 'Configured by')).toHaveText(ui.admin);
    await expect(detail(flutterwave, 'Currencies')).toHaveText('XAF');
    await expect(detail(flutterwave, 'Credentials')).toHaveText(ui.set);
    const html = await page.content();
    expect(html).not.toContain(secretKey);
    expect(html).not.toContain(secretHash);
    await snap(page, testInfo, 'gateway-saved');

    // Reopened, the form shows which are set but not their values.
    await flutterwave.getByRole('button', { name: ui.configure('Flutterwave') }).click();
    await expect(dialog.getByLabel(ui.secretKey, { exact: true })).toHaveValue('');
    await expect(dialog.getByLabel(ui.secretHash, { exact: true })).toHaveValue('');
    await expect(dialog.getByLabel('XAF', { exact: true })).toBeChecked();
    await expect(dialog.getByLabel(`Remove ${ui.secretKey}`, { exact: true })).not.toBeChecked();
    await snap(page, testInfo, 'gateway-reopened');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toHaveCount(0);

    // Nor does the API answer with them.
    const api = await apiClient(baseURL!, admin);
    try {
      const text = JSON.stringify(await api.get('/admin/gateways'));
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain(secretHash);
    } finally {
      await api.dispose();
    }
  });

  await test.step('switched off, it is inactive (and stays so after a reload)', async () => {
    await flutterwave.getByRole('button', { name: ui.configure('Flutterwave') }).click();
    await dialog.getByLabel(ui.enabled, { exact: true }).uncheck();
    await dialog.getByRole('button', { name: ui.save, exact: true }).click();
    await expect(page.getByText(ui.saved('Flutterwave'), { exact: true })).toBeVisible();
    await expect(flutterwave).toContainText(ui.inactive);
    await expect(flutterwave.getByText(ui.switchedOff)).toBeVisible();
    await page.reload();
    await page.getByRole('tablist', { name: ui.sections }).getByRole('tab', { name: ui.tab, exact: true }).click();
    await expect(flutterwave).toContainText(ui.inactive);
    await expect(detail(flutterwave, 'Configured by')).toHaveText(ui.admin);
    await expect(card(page, 'CamPay')).toContainText(ui.active);
    await expectAccessible(page, testInfo, 'admin-gateways-off');
    await snap(page, testInfo, 'gateway-off');
  });

  await test.step('in French', async () => {
    await page.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
    await expect(page.getByRole('tab', { name: ui.fr.tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(ui.fr.neverShown)).toBeVisible();
    await expect(detail(flutterwave, 'Configurée par')).toHaveText(ui.fr.admin);
    await snap(page, testInfo, 'gateways-fr');
    // Back to English, saved to the profile before the next spec signs the admin in again.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await page.getByLabel('Langue', { exact: true }).selectOption({ label: ui.language.english });
    expect((await saved).ok()).toBeTruthy();
  });
});
