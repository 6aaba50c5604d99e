/**
 * Money after the sale. An organizer sets up an event whose buyers may ask for a refund until 48
 * hours before the start (through the API; the event form shows the policy).
 *
 * (a) A guest who bought two tickets (through the API) asks, on their order page, for a refund of
 *     one of them; a platform administrator approves it in Admin › Refunds; the guest's order page
 *     then shows that ticket refunded (the other stays valid) and the refund done.
 * (b) The organizer refunds the other ticket of that booking from the booking page. With a paid
 *     booking, they see the available balance and the ledger on the Finance page, withdraw part
 *     of it to a mobile-money number, a platform administrator approves the withdrawal in
 *     Admin › Withdrawals (and looks at Admin › Jobs), and the organizer sees it paid and the
 *     balance reduced, then reads the page in French.
 * (c) A guest pays by mobile money (CamPay, through the local stub gateway that approves by
 *     itself and calls the webhook), is told the code to dial to confirm while it is pending, and
 *     sees the order confirmed with the ticket.
 *
 * The server runs with PAYMENT_STUBS=1, FUNDS_AVAILABLE_AFTER_HOURS=0 and REFUND_AUTO_APPROVE=none
 * (playwright.config.ts), which also creates the platform administrator (E2E_ADMIN_EMAIL).
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createOrg, signIn, signUpAndConfirm, type Person } from './support/account';
import { expectAccessible } from './support/a11y';
import { apiClient, tokenOf, type Api } from './support/api';
import { snap } from './support/ui';

const ui = {
  event: { refundHours: 'Buyers may request a refund until this many hours before the start' },
  order: {
    confirmed: "You're going!",
    pending: 'Complete your order',
    refundableUntil: /^You can ask for a refund until /,
    requestRefund: 'Request a refund',
    reason: 'Reason (optional)',
    send: 'Send request',
    requested: 'Your refund request was sent. You will find its progress on this page.',
    refunds: 'Refunds',
    qr: /^QR code of ticket /,
    payWith: (method: string) => new RegExp(`^${method}`),
    phone: 'Mobile-money number',
    pay: /^Pay /,
    approveOnPhone: 'Approve the payment on your phone',
    // The CamPay stub answers MTN numbers with MTN's USSD code.
    dialToConfirm: 'Dial *126# to confirm',
  },
  admin: {
    sections: 'Administration sections',
    refunds: 'Refunds',
    withdrawals: 'Withdrawals',
    approve: 'Approve',
    refundApproved: (ref: string) => `Refund on ${ref} approved`,
    withdrawalApproved: (org: string) => `Withdrawal for ${org} approved`,
  },
  finance: {
    nav: 'Organization sections',
    link: 'Finance',
    balance: 'Balance in XAF',
    withdraw: 'Withdraw XAF',
    dialog: 'Withdraw XAF',
    amount: 'Amount',
    mobileMoney: 'Mobile money',
    phone: 'Mobile-money number',
    submit: 'Request withdrawal',
    requested: (amount: string) => `Withdrawal of ${amount} requested. You will see here when it is paid.`,
    withdrawals: 'Withdrawals',
    refunds: 'Refunds',
    ledger: 'Ledger',
  },
  booking: {
    heading: /^Booking /,
    refund: 'Refund',
    dialog: /^Refund booking /,
    reason: 'Reason (optional)',
    submit: 'Refund tickets',
    created: 'Refund of 5,000 XAF created',
    refunds: 'Refunds',
  },
  jobs: { tab: 'Jobs', status: 'Status' },
  language: { label: 'Language', french: 'Français' },
  fr: { finance: 'Finances', balance: 'Solde en XAF', withdrawals: 'Retraits', paid: 'Payé' },
  status: { requested: 'Requested', refunded: 'Refunded', paid: 'Paid' },
  page: { add: (n: string) => `Add one ${n}`, checkout: 'Checkout' },
  checkout: { name: 'Full name', email: 'Email', submit: 'Continue to payment' },
};

const run = Date.now().toString(36);
const organizer = { name: 'Ekane Organizer', email: `ekane.${run}@example.com`, password: 'Correct-horse-battery-9' };
const org = { name: `Bonapriso Money ${run}`, slug: `bonapriso-${run}`, country: ['CM', 'Cameroon'], currency: ['XAF'] };
const admin: Person = {
  name: 'Platform Admin',
  email: process.env.E2E_ADMIN_EMAIL ?? '',
  password: process.env.E2E_ADMIN_PASSWORD ?? '',
};
const eventTitle = `Refund Gala ${run}`;

// Filled in by the first test, read by the next ones (the tests run in order).
const ids = { org: '', event: '', slug: '', standard: '', firstOrder: '' };

/** A day about a month ahead, as an RFC 3339 instant at `hour` UTC. */
function future(hour: number): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

const xaf = (amount: string) => ({ amount, currency: 'XAF' });

/** `10,500 XAF` -> 10500. */
const amountOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** `2000` -> `2,000 XAF`. */
const money = (n: number) => `${n.toLocaleString('en-US')} XAF`;

interface PaidOrder {
  id: string;
  reference: string;
  path: string;
}

/** An order of `quantity` Standard tickets, paid through the test gateway (all through the API). */
async function buyPaid(anon: Api, quantity: number, buyer: { name: string; email: string }): Promise<PaidOrder> {
  const order = await anon.post(
    `/public/events/${ids.slug}/orders`,
    { buyer, items: [{ ticket_type_id: ids.standard, quantity }] },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  const token = encodeURIComponent(order.access_token);
  const payment = await anon.post(`/orders/${order.id}/payments?token=${token}`, { method: 'test' });
  const payToken = encodeURIComponent(tokenOf(payment.redirect_url));
  const done = await anon.post(`/test-gateway/payments/${payment.id}/approve?token=${payToken}`);
  expect(done.status).toBe('succeeded');
  return { id: order.id, reference: order.reference, path: `/orders/${order.id}?token=${token}` };
}

/** A page signed in as the platform administrator, in a context of its own. */
async function adminPage(browser: Browser): Promise<Page> {
  expect(admin.email, 'E2E_ADMIN_EMAIL comes from playwright.config.ts').not.toBe('');
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, admin);
  return page;
}

/** Opens one tab of the admin area. */
async function adminTab(page: Page, name: string): Promise<void> {
  await page.goto('/admin');
  await page.getByRole('tablist', { name: ui.admin.sections }).getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

test.describe.serial('finance', () => {
  test('a guest asks for a refund on the order page; a platform admin approves it', async ({ page, browser, baseURL }, testInfo) => {
    await test.step('the organizer sets up an event refundable until 48 hours before', async () => {
      await signUpAndConfirm(page, organizer);
      await signIn(page, organizer);
      await createOrg(page, org);
      ids.org = new URL(page.url()).pathname.split('/')[2];
      const api = await apiClient(baseURL!, organizer);
      try {
        const event = await api.post(`/orgs/${ids.org}/events`, {
          title: { en: eventTitle, fr: `Gala remboursement ${run}` },
          summary: { en: 'An evening to test refunds and withdrawals.' },
          starts_at: future(18),
          ends_at: future(23),
          timezone: 'Africa/Douala',
          location: { venue_name: 'Salle des fêtes', city: 'Douala', country: 'CM' },
          refund_deadline_hours: 48,
        });
        ids.event = event.id;
        ids.slug = event.slug;
        expect(event.refund_deadline_hours).toBe(48);
        const base = `/orgs/${ids.org}/events/${ids.event}/ticket-types`;
        ids.standard = (await api.post(base, { name: { en: 'Standard' }, price: xaf('5000'), quantity: 100 })).id;
        await api.post(`/orgs/${ids.org}/events/${ids.event}/publish`);
      } finally {
        await api.dispose();
      }
    });

    await test.step('the event form shows the refund policy', async () => {
      await page.goto(`/orgs/${ids.org}/events/${ids.event}`);
      const field = page.getByLabel(ui.event.refundHours, { exact: true });
      await expect(field).toHaveValue('48');
      await field.scrollIntoViewIfNeeded();
      await snap(page, testInfo, 'event-refund-policy');
    });

    const anon = await apiClient(baseURL!);
    let order: PaidOrder;
    try {
      order = await buyPaid(anon, 2, { name: 'Ndedi Guest', email: `ndedi.${run}@example.com` });
      ids.firstOrder = order.id;
    } finally {
      await anon.dispose();
    }

    const context = await browser.newContext({ locale: 'en-US' });
    const buyer = await context.newPage();
    try {
      await test.step('the guest asks for a refund of one of their two tickets', async () => {
        await buyer.goto(order.path);
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.confirmed })).toBeVisible();
        await expect(buyer.getByText(ui.order.refundableUntil)).toBeVisible();
        await buyer.getByRole('button', { name: ui.order.requestRefund, exact: true }).click();
        const dialog = buyer.getByRole('dialog', { name: ui.order.requestRefund });
        const boxes = dialog.getByRole('checkbox');
        await expect(boxes).toHaveCount(2);
        await expect(boxes.nth(0)).toBeChecked();
        await expect(boxes.nth(1)).toBeChecked();
        await boxes.nth(1).uncheck();
        await dialog.getByLabel(ui.order.reason, { exact: true }).fill('My friend cannot come any more');
        await expectAccessible(buyer, testInfo, 'refund-request-dialog');
        await snap(buyer, testInfo, 'refund-request-dialog');
        await dialog.getByRole('button', { name: ui.order.send, exact: true }).click();
        await expect(buyer.getByText(ui.order.requested, { exact: true })).toBeVisible();
        await expect(dialog).toBeHidden();
        const refunds = buyer.getByRole('list', { name: ui.order.refunds });
        await expect(refunds.getByText(ui.status.requested, { exact: true })).toBeVisible();
        await expect(refunds).toContainText('5,000 XAF');
        await expectAccessible(buyer, testInfo, 'order-refund-requested');
        await snap(buyer, testInfo, 'order-refund-requested');
      });

      const adminView = await adminPage(browser);
      try {
        await test.step('a platform admin approves it in Admin › Refunds', async () => {
          await adminTab(adminView, ui.admin.refunds);
          const row = adminView.getByRole('row').filter({ hasText: order.reference });
          await expect(row).toContainText(ui.status.requested);
          await expect(row).toContainText('5,000 XAF');
          await expectAccessible(adminView, testInfo, 'admin-refunds');
          await snap(adminView, testInfo, 'admin-refunds');
          await row.getByRole('button', { name: new RegExp(`^${ui.admin.approve} `) }).click();
          const dialog = adminView.getByRole('dialog');
          await expect(dialog).toContainText(order.reference);
          await expectAccessible(adminView, testInfo, 'admin-refund-approve-dialog');
          await dialog.getByRole('button', { name: ui.admin.approve, exact: true }).click();
          await expect(adminView.getByText(ui.admin.refundApproved(order.reference), { exact: true })).toBeVisible();
          await expect(row.getByRole('button', { name: new RegExp(`^${ui.admin.approve} `) })).toHaveCount(0);
          await snap(adminView, testInfo, 'admin-refund-approved');
        });
      } finally {
        await adminView.context().close();
      }

      await test.step('the guest sees the ticket refunded and the other still valid', async () => {
        // The refund is paid back by the worker: read the page again until it is done.
        await expect(async () => {
          await buyer.reload();
          await expect(buyer.locator('li[data-ticket-status="refunded"]')).toHaveCount(1, { timeout: 1_000 });
        }).toPass({ timeout: 60_000 });
        await expect(buyer.locator('li[data-ticket-status="valid"]')).toHaveCount(1);
        await expect(buyer.locator('li[data-ticket-status="refunded"]').getByText(ui.status.refunded, { exact: true })).toBeVisible();
        const refunds = buyer.getByRole('list', { name: ui.order.refunds });
        await expect(refunds.getByText(ui.status.refunded, { exact: true })).toBeVisible();
        // The paid order's invoice, and a credit note for the refunded ticket, as PDFs.
        const invoices = buyer.getByRole('list', { name: 'Invoices' });
        await expect(invoices.getByText(/^INV-\d{4}-\d{6}$/)).toHaveCount(1);
        await expect(invoices.getByText(/^CN-\d{4}-\d{6}$/)).toHaveCount(1);
        const href = await invoices.getByRole('link', { name: /^Download INV-/ }).getAttribute('href');
        const pdf = await buyer.request.get(new URL(href!, buyer.url()).toString());
        expect(pdf.headers()['content-type']).toContain('application/pdf');
        expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
        await expectAccessible(buyer, testInfo, 'order-refunded');
        await snap(buyer, testInfo, 'order-refunded');
      });
    } finally {
      await context.close();
    }
  });

  test('an organizer withdraws to mobile money; a platform admin approves; it is paid', async ({ page, browser, baseURL }, testInfo) => {
    expect(ids.event, 'the first test sets the event up').not.toBe('');
    const anon = await apiClient(baseURL!);
    try {
      await buyPaid(anon, 1, { name: 'Eboa Guest', email: `eboa.${run}@example.com` });
    } finally {
      await anon.dispose();
    }

    await test.step('the organizer refunds the other ticket of the first booking', async () => {
      await signIn(page, organizer);
      await page.goto(`/orgs/${ids.org}/orders/${ids.firstOrder}`);
      await expect(page.getByRole('heading', { level: 1, name: ui.booking.heading })).toBeVisible();
      const refunds = page.getByRole('list', { name: ui.booking.refunds });
      await expect(refunds.getByText(ui.status.refunded, { exact: true })).toBeVisible();
      await page.getByRole('button', { name: ui.booking.refund, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: ui.booking.dialog });
      await expect(dialog.getByRole('checkbox')).toHaveCount(1);
      await expect(dialog.getByRole('checkbox')).toBeChecked();
      await dialog.getByLabel(ui.booking.reason, { exact: true }).fill('The guest moved to another date');
      await expectAccessible(page, testInfo, 'booking-refund-dialog');
      await snap(page, testInfo, 'booking-refund-dialog');
      await dialog.getByRole('button', { name: ui.booking.submit, exact: true }).click();
      await expect(page.getByText(ui.booking.created, { exact: true })).toBeVisible();
      await expect(refunds.getByText(ui.status.requested, { exact: true })).toBeVisible();
      // No valid ticket is left outside a refund.
      await expect(page.getByRole('button', { name: ui.booking.refund, exact: true })).toHaveCount(0);
      await expectAccessible(page, testInfo, 'booking-refunds');
      await snap(page, testInfo, 'booking-refunds');
    });

    let before = 0;
    const withdrawn = 2000;
    await test.step('the organizer sees the available balance on the Finance page', async () => {
      await page.goto(`/orgs/${ids.org}`);
      await page.getByRole('navigation', { name: ui.finance.nav }).getByRole('link', { name: ui.finance.link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: ui.finance.link })).toBeVisible();
      await expect(page.getByRole('heading', { name: ui.finance.balance })).toBeVisible();
      const available = page.getByTestId('available-XAF');
      await expect(available).toHaveText(/XAF$/);
      before = amountOf(await available.textContent());
      expect(before).toBeGreaterThan(withdrawn);
      await page.getByRole('tab', { name: ui.finance.ledger, exact: true }).click();
      await expect(page.getByRole('region', { name: ui.finance.ledger }).getByRole('cell', { name: 'Sale', exact: true }).first()).toBeVisible();
      await expectAccessible(page, testInfo, 'finance');
      await snap(page, testInfo, 'finance-ledger');
      await page.getByRole('tab', { name: ui.finance.refunds, exact: true }).click();
      const refunds = page.getByRole('region', { name: ui.finance.refunds });
      await expect(refunds.getByText(ui.status.refunded, { exact: true })).toBeVisible();
      await expect(refunds.getByText(ui.status.requested, { exact: true })).toBeVisible();
      await snap(page, testInfo, 'finance-refunds');
    });

    await test.step('withdraws part of it to a mobile-money number', async () => {
      await page.getByRole('button', { name: ui.finance.withdraw, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: ui.finance.dialog });
      await dialog.getByLabel(ui.finance.amount, { exact: true }).fill(String(withdrawn));
      await expect(dialog.getByRole('radio', { name: ui.finance.mobileMoney })).toBeChecked();
      await dialog.getByLabel(ui.finance.phone, { exact: true }).fill('+237 670 00 00 02');
      await expectAccessible(page, testInfo, 'withdraw-dialog');
      await snap(page, testInfo, 'withdraw-dialog');
      await dialog.getByRole('button', { name: ui.finance.submit, exact: true }).click();
      await expect(page.getByText(ui.finance.requested(money(withdrawn)), { exact: true })).toBeVisible();
      await expect(page.getByTestId('available-XAF')).toHaveText(money(before - withdrawn));
      await page.getByRole('tab', { name: ui.finance.withdrawals, exact: true }).click();
      const row = page.getByRole('region', { name: ui.finance.withdrawals }).getByRole('row').filter({ hasText: money(withdrawn) });
      await expect(row).toContainText(ui.status.requested);
      await snap(page, testInfo, 'withdrawal-requested');
    });

    const adminView = await adminPage(browser);
    try {
      await test.step('a platform admin approves it in Admin › Withdrawals', async () => {
        await adminTab(adminView, ui.admin.withdrawals);
        const row = adminView.getByRole('row').filter({ hasText: org.name });
        await expect(row).toContainText(money(withdrawn));
        await expect(row).toContainText(ui.status.requested);
        await expectAccessible(adminView, testInfo, 'admin-withdrawals');
        await snap(adminView, testInfo, 'admin-withdrawals');
        await row.getByRole('button', { name: new RegExp(`^${ui.admin.approve} `) }).click();
        const dialog = adminView.getByRole('dialog');
        await expect(dialog).toContainText(org.name);
        await dialog.getByRole('button', { name: ui.admin.approve, exact: true }).click();
        await expect(adminView.getByText(ui.admin.withdrawalApproved(org.name), { exact: true })).toBeVisible();
        await snap(adminView, testInfo, 'admin-withdrawal-approved');
      });

      await test.step('and looks at the failed background jobs in Admin › Jobs', async () => {
        await adminView.getByRole('tab', { name: ui.jobs.tab, exact: true }).click();
        await expect(adminView.getByLabel(ui.jobs.status, { exact: true })).toHaveValue('failed');
        await expect(adminView.getByRole('region', { name: ui.jobs.tab })).toBeVisible();
        await expectAccessible(adminView, testInfo, 'admin-jobs');
        await snap(adminView, testInfo, 'admin-jobs');
      });
    } finally {
      await adminView.context().close();
    }

    await test.step('the organizer sees it paid and the balance reduced', async () => {
      // Paid out by the worker through the gateway stub: read the page again until it is done.
      await expect(async () => {
        await page.reload();
        const row = page.getByRole('region', { name: ui.finance.withdrawals }).getByRole('row').filter({ hasText: money(withdrawn) });
        await expect(row).toContainText(ui.status.paid, { timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      await expect(page.getByTestId('available-XAF')).toHaveText(money(before - withdrawn));
      await expect(page.getByTestId('paid-out-XAF')).toHaveText(money(withdrawn));
      await expectAccessible(page, testInfo, 'finance-paid');
      await snap(page, testInfo, 'withdrawal-paid');
    });

    await test.step('and finds the invoices and the credit note under Invoices', async () => {
      await page.getByRole('tab', { name: 'Invoices', exact: true }).click();
      const region = page.getByRole('region', { name: 'Invoices' });
      await expect(region.getByText(/^INV-\d{4}-\d{6}$/).first()).toBeVisible();
      await expect(region.getByText(/^CN-\d{4}-\d{6}$/).first()).toBeVisible();
      const download = page.waitForEvent('download');
      await region.getByRole('button', { name: /^Download INV-/ }).first().click();
      expect((await download).suggestedFilename()).toMatch(/^INV-\d{4}-\d{6}\.pdf$/);
      await expectAccessible(page, testInfo, 'finance-invoices');
      await snap(page, testInfo, 'finance-invoices');
      await page.getByRole('tab', { name: 'Withdrawals', exact: true }).click();
    });

    await test.step('in French', async () => {
      await page.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
      await expect(page.getByRole('heading', { level: 1, name: ui.fr.finance })).toBeVisible();
      await expect(page.getByRole('heading', { name: ui.fr.balance })).toBeVisible();
      await expect(page.getByRole('region', { name: ui.fr.withdrawals }).getByText(ui.fr.paid, { exact: true })).toBeVisible();
      await snap(page, testInfo, 'finance-fr');
    });
  });

  test('a guest pays by mobile money and gets the ticket', async ({ browser }, testInfo) => {
    expect(ids.slug, 'the first test sets the event up').not.toBe('');
    const context = await browser.newContext({ locale: 'en-US' });
    const buyer = await context.newPage();
    try {
      await test.step('the guest books one ticket', async () => {
        await buyer.goto(`/e/${ids.slug}`);
        await buyer.getByRole('button', { name: ui.page.add('Standard'), exact: true }).click();
        await buyer.getByRole('button', { name: ui.page.checkout, exact: true }).click();
        await buyer.getByLabel(ui.checkout.name, { exact: true }).fill('Manga Guest');
        await buyer.getByLabel(ui.checkout.email, { exact: true }).fill(`manga.${run}@example.com`);
        await buyer.getByRole('button', { name: ui.checkout.submit, exact: true }).click();
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.pending })).toBeVisible();
      });

      await test.step('pays with CamPay from a mobile-money number', async () => {
        await buyer.getByRole('radio', { name: ui.order.payWith('CamPay') }).check();
        await buyer.getByLabel(ui.order.phone, { exact: true }).fill('+237 670 00 00 03');
        await expectAccessible(buyer, testInfo, 'pay-mobile-money');
        await snap(buyer, testInfo, 'pay-mobile-money');
        await buyer.getByRole('button', { name: ui.order.pay }).click();
        await expect(buyer.getByText(ui.order.approveOnPhone, { exact: true })).toBeVisible();
        await expect(buyer.getByTestId('dial-code')).toHaveText(ui.order.dialToConfirm);
        await expect(buyer.getByRole('link', { name: '*126#', exact: true })).toHaveAttribute('href', 'tel:*126%23');
        await snap(buyer, testInfo, 'approve-on-phone');
      });

      await test.step('the gateway approves: the order is confirmed with the ticket', async () => {
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.confirmed })).toBeVisible({ timeout: 60_000 });
        await expect(buyer.getByRole('img', { name: ui.order.qr })).toHaveCount(1);
        await expectAccessible(buyer, testInfo, 'order-paid-mobile-money');
        await snap(buyer, testInfo, 'order-paid-mobile-money');
      });
    } finally {
      await context.close();
    }
  });
});
