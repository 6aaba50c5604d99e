/**
 * The buying journey. An organizer sets up an event (through the API: a paid "Standard" type, a
 * "Golden circle" type with one seat that gets sold, an "Early bird" type with three) and a
 * coupon (through the Coupons page). A guest, without an account, picks two Standard tickets,
 * applies the coupon (the discount shows in the breakdown), pays through the test gateway,
 * sees the confirmed order with two QR codes, finds the confirmation email with its PDF and
 * opens the order from the email's link, then reads it in French. The sold-out type shows as
 * such ("Sold out" / "Épuisé"). The organizer finds the booking in Bookings, with its history,
 * exports the CSV, resends the tickets and cancels the booking with a reason; "My tickets" is
 * in the user menu.
 * Then, with a one-minute hold (set in the event form), a reservation runs out: the order page
 * counts down, shows "Reservation expired", and the tickets are back on sale.
 *
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Page } from '@playwright/test';
import { createOrg, signIn, signUpAndConfirm } from './support/account';
import { expectAccessible } from './support/a11y';
import { apiClient, tokenOf, type Api } from './support/api';
import { attachmentBytes, mailSummary, waitForMailLink } from './support/mail';
import { snap } from './support/ui';

const ui = {
  page: { soldOut: 'Sold out', onSale: 'On sale', checkout: 'Checkout', add: (n: string) => `Add one ${n}` },
  checkout: {
    name: 'Full name',
    email: 'Email',
    attendee: 'Attendee 2 (Standard)',
    coupon: 'Coupon code',
    apply: 'Apply',
    applied: 'Coupon JAZZ10 applied',
    discount: 'Discount (JAZZ10)',
    submit: 'Continue to payment',
  },
  order: {
    pending: 'Complete your order',
    pay: /^Pay /,
    confirmed: "You're going!",
    expired: 'Reservation expired',
    pdf: 'Download PDF',
    qr: /^QR code of ticket /,
    backToEvent: 'Back to the event',
  },
  language: { label: 'Language', french: 'Français' },
  fr: { confirmed: "C'est confirmé !", pdf: 'Télécharger le PDF', soldOut: 'Épuisé' },
  myTickets: { link: 'My tickets', none: 'You have not booked any tickets yet.' },
  gateway: { banner: 'Test payment – no real money', approve: 'Approve' },
  organizer: {
    coupons: 'Coupons',
    code: 'Code',
    percent: 'Percentage off',
    addCoupon: 'Add coupon',
    bookings: 'Bookings',
    exportCsv: 'Export CSV',
    history: 'History',
    resend: 'Resend tickets',
    cancel: 'Cancel booking',
    reason: 'Reason',
    hold: 'Reservation hold (minutes)',
    save: 'Save',
    saved: 'Changes saved',
  },
};

const run = Date.now().toString(36);
const organizer = { name: 'Manu Organizer', email: `manu.${run}@example.com`, password: 'Correct-horse-battery-9' };
const org = { name: `Bonamoussadi Sound ${run}`, slug: `bonamoussadi-${run}`, country: ['CM', 'Cameroon'], currency: ['XAF'] };
const guest = { name: 'Ngono Guest', email: `ngono.${run}@example.com`, friend: 'Atangana Friend' };
const late = { name: 'Late Buyer', email: `late.${run}@example.com` };
const eventTitle = `Checkout Jazz ${run}`;

// Filled in by the first test, read by the second (the tests run in order).
const ids = { org: '', event: '', slug: '', standard: '', golden: '', early: '' };

/** A day about a month ahead, as an RFC 3339 instant at `hour` UTC. */
function future(hour: number): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

const xaf = (amount: string) => ({ amount, currency: 'XAF' });

/** `10,500 XAF` -> 10500. */
const amount = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The event with its three ticket types, published. */
async function setUpEvent(api: Api): Promise<void> {
  const event = await api.post(`/orgs/${ids.org}/events`, {
    title: { en: eventTitle, fr: `Jazz commande ${run}` },
    summary: { en: 'An evening of jazz to test the checkout.' },
    starts_at: future(18),
    ends_at: future(22),
    timezone: 'Africa/Douala',
    location: { venue_name: 'Salle des fêtes', city: 'Douala', country: 'CM' },
  });
  ids.event = event.id;
  ids.slug = event.slug;
  const base = `/orgs/${ids.org}/events/${ids.event}/ticket-types`;
  ids.standard = (await api.post(base, { name: { en: 'Standard' }, price: xaf('5000'), quantity: 100 })).id;
  ids.golden = (await api.post(base, { name: { en: 'Golden circle' }, price: xaf('20000'), quantity: 1 })).id;
  ids.early = (await api.post(base, { name: { en: 'Early bird' }, price: xaf('2000'), quantity: 3 })).id;
  await api.post(`/orgs/${ids.org}/events/${ids.event}/publish`);
}

/** Someone else buys the only Golden circle seat (order, payment, approval: all through the API). */
async function sellGoldenCircle(anon: Api): Promise<void> {
  const order = await anon.post(
    `/public/events/${ids.slug}/orders`,
    { buyer: { name: 'Early Bird', email: `first.${run}@example.com` }, items: [{ ticket_type_id: ids.golden, quantity: 1 }] },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  const token = encodeURIComponent(order.access_token);
  const payment = await anon.post(`/orders/${order.id}/payments?token=${token}`, { method: 'test' });
  const payToken = encodeURIComponent(tokenOf(payment.redirect_url));
  const done = await anon.post(`/test-gateway/payments/${payment.id}/approve?token=${payToken}`);
  expect(done.status).toBe('succeeded');
}

/** The ticket card of a type on the event page. */
const ticketItem = (page: Page, name: string) =>
  page.locator('#tickets li').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

test.describe.serial('checkout', () => {
  test('a guest buys two tickets with a coupon and gets them; the organizer sees the booking', async ({ page, browser, baseURL }, testInfo) => {
    let orderPath = '';

    await test.step('the organizer sets up an event with three ticket types', async () => {
      await signUpAndConfirm(page, organizer);
      await signIn(page, organizer);
      await createOrg(page, org);
      ids.org = new URL(page.url()).pathname.split('/')[2];
      const api = await apiClient(baseURL!, organizer);
      try {
        await setUpEvent(api);
      } finally {
        await api.dispose();
      }
    });

    await test.step('adds a 10 % coupon on the Coupons page', async () => {
      await page.goto(`/orgs/${ids.org}/events/${ids.event}`);
      await page.getByRole('navigation', { name: 'Event pages' }).getByRole('link', { name: ui.organizer.coupons, exact: true }).click();
      await page.getByLabel(ui.organizer.code, { exact: true }).fill('jazz10');
      await page.getByLabel(ui.organizer.percent, { exact: true }).fill('10');
      await page.getByRole('button', { name: ui.organizer.addCoupon, exact: true }).click();
      await expect(page.getByRole('cell', { name: 'JAZZ10', exact: true })).toBeVisible();
      await expectAccessible(page, testInfo, 'coupons');
      await snap(page, testInfo, 'coupons');
    });

    await test.step('someone else buys the only Golden circle seat', async () => {
      const anon = await apiClient(baseURL!);
      try {
        await sellGoldenCircle(anon);
      } finally {
        await anon.dispose();
      }
    });

    const context = await browser.newContext({ locale: 'en-US' });
    const buyer = await context.newPage();
    try {
      await test.step('a guest sees Golden circle sold out and picks two Standard tickets', async () => {
        await buyer.goto(`/e/${ids.slug}`);
        const golden = ticketItem(buyer, 'Golden circle');
        await expect(golden.getByText(ui.page.soldOut, { exact: true })).toBeVisible();
        await expect(golden.getByRole('button')).toHaveCount(0);
        await buyer.getByRole('button', { name: ui.page.add('Standard'), exact: true }).click();
        await buyer.getByRole('button', { name: ui.page.add('Standard'), exact: true }).click();
        await expect(buyer.getByText('2 ticket(s) · 10,000 XAF')).toBeVisible();
        await expectAccessible(buyer, testInfo, 'event-selection');
        await snap(buyer, testInfo, 'event-selection');
        await buyer.getByRole('button', { name: ui.page.checkout, exact: true }).click();
      });

      await test.step('fills in the checkout and applies the coupon', async () => {
        await expect(buyer).toHaveURL(new RegExp(`/e/${ids.slug}/checkout$`));
        await buyer.getByLabel(ui.checkout.name, { exact: true }).fill(guest.name);
        await buyer.getByLabel(ui.checkout.email, { exact: true }).fill(guest.email);
        await buyer.getByLabel(ui.checkout.attendee, { exact: true }).fill(guest.friend);
        const total = buyer.getByTestId('order-total');
        await expect(buyer.getByTestId('order-subtotal')).toHaveText('10,000 XAF');
        await expect(total).toHaveText(/XAF$/);
        const before = amount(await total.textContent());
        await buyer.getByLabel(ui.checkout.coupon, { exact: true }).fill('jazz10');
        await buyer.getByRole('button', { name: ui.checkout.apply, exact: true }).click();
        await expect(buyer.getByText(ui.checkout.applied, { exact: true })).toBeVisible();
        await expect(buyer.getByText(ui.checkout.discount, { exact: true })).toBeVisible();
        await expect(buyer.getByText('−1,000 XAF', { exact: true })).toBeVisible();
        // The discount comes off the total (a buyer-paid fee, if any, shrinks with it).
        await expect.poll(async () => amount(await total.textContent())).toBeLessThanOrEqual(before - 1000);
        await expectAccessible(buyer, testInfo, 'checkout');
        await snap(buyer, testInfo, 'checkout-with-coupon');
        await buyer.getByRole('button', { name: ui.checkout.submit, exact: true }).click();
      });

      await test.step('the order waits for payment with a countdown', async () => {
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.pending })).toBeVisible();
        await expect(buyer.getByRole('timer')).toHaveText(/^\d\d:\d\d$/);
        orderPath = new URL(buyer.url()).pathname;
        await expectAccessible(buyer, testInfo, 'order-pending');
        await snap(buyer, testInfo, 'order-pending');
        await buyer.getByRole('button', { name: ui.order.pay }).click();
      });

      await test.step('pays on the test gateway', async () => {
        await expect(buyer).toHaveURL(/\/pay\/test\//);
        await expect(buyer.getByText(ui.gateway.banner, { exact: true })).toBeVisible();
        await expectAccessible(buyer, testInfo, 'test-gateway');
        await snap(buyer, testInfo, 'test-gateway');
        await buyer.getByRole('button', { name: ui.gateway.approve, exact: true }).click();
      });

      await test.step('sees the confirmed order with two QR codes', async () => {
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.confirmed })).toBeVisible();
        const qrs = buyer.getByRole('img', { name: ui.order.qr });
        await expect(qrs).toHaveCount(2);
        // The images really load (signed, same-origin URLs allowed by the CSP).
        for (const qr of await qrs.all()) {
          await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        }
        await expect(buyer.getByText(guest.friend, { exact: true })).toBeVisible();
        await expect(buyer.getByRole('link', { name: ui.order.pdf })).toHaveAttribute('href', /tickets\.pdf/);
        await expectAccessible(buyer, testInfo, 'order-confirmed');
        await snap(buyer, testInfo, 'order-confirmed');
      });

      await test.step('the confirmation email carries the PDF and links to the order', async () => {
        const { link, mail } = await waitForMailLink({ to: guest.email, link: /\/orders\/[0-9a-f-]{36}/ });
        const summary = await mailSummary(mail);
        const pdf = summary.attachments.find((a) => a.toLowerCase().endsWith('.pdf'));
        expect(pdf, `attachments: ${summary.attachments.join(', ')}`).toBeTruthy();
        expect(attachmentBytes(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
        expect(new URL(link).pathname).toBe(orderPath);
        await buyer.goto(link);
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.confirmed })).toBeVisible();
        await expect(buyer.getByRole('img', { name: ui.order.qr })).toHaveCount(2);
      });

      await test.step('in French: the confirmed order, and Golden circle "Épuisé"', async () => {
        await buyer.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
        await expect(buyer.getByRole('heading', { level: 1, name: ui.fr.confirmed })).toBeVisible();
        await expect(buyer.getByRole('link', { name: ui.fr.pdf })).toBeVisible();
        await snap(buyer, testInfo, 'order-confirmed-fr');
        await buyer.goto(`/e/${ids.slug}`);
        await expect(ticketItem(buyer, 'Golden circle').getByText(ui.fr.soldOut, { exact: true })).toBeVisible();
      });
    } finally {
      await context.close();
    }

    await test.step('the organizer finds the booking, its history, and exports the list', async () => {
      await page.goto(`/orgs/${ids.org}/events/${ids.event}/bookings`);
      const row = page.getByRole('row').filter({ hasText: guest.email });
      await expect(row).toBeVisible();
      await expect(row).toContainText('JAZZ10');
      await expectAccessible(page, testInfo, 'bookings');
      await snap(page, testInfo, 'bookings');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: ui.organizer.exportCsv, exact: true }).click();
      const csv = await download;
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);

      await row.getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: /^Booking / })).toBeVisible();
      const history = page.getByRole('list', { name: ui.organizer.history });
      await expect(history.getByText('Booked', { exact: true })).toBeVisible();
      await expect(history.getByText('Confirmed', { exact: true })).toBeVisible();
      await expectAccessible(page, testInfo, 'booking');
      await snap(page, testInfo, 'booking');
    });

    await test.step('resends the tickets, then cancels the booking with a reason', async () => {
      await page.getByRole('button', { name: ui.organizer.resend, exact: true }).click();
      await expect(page.getByText(`Tickets sent again to ${guest.email}`, { exact: true })).toBeVisible();
      const history = page.getByRole('list', { name: ui.organizer.history });
      await expect(history.getByText('Tickets sent again', { exact: true })).toBeVisible();

      await page.getByRole('button', { name: ui.organizer.cancel, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(ui.organizer.reason, { exact: true }).fill('Paid twice by mistake');
      await expectAccessible(page, testInfo, 'cancel-booking-dialog');
      await dialog.getByRole('button', { name: ui.organizer.cancel, exact: true }).click();
      await expect(page.getByText('Booking cancelled', { exact: true })).toBeVisible();
      await expect(history.getByText('Paid twice by mistake')).toBeVisible();
      await expect(page.getByRole('button', { name: ui.organizer.cancel, exact: true })).toHaveCount(0);
      await snap(page, testInfo, 'booking-cancelled');
    });

    await test.step('"My tickets" is in the user menu (none bought with this account)', async () => {
      await page.getByRole('button', { name: organizer.name, exact: true }).click();
      await page.getByRole('link', { name: ui.myTickets.link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: ui.myTickets.link })).toBeVisible();
      await expect(page.getByText(ui.myTickets.none, { exact: true })).toBeVisible();
      await expectAccessible(page, testInfo, 'my-tickets');
    });
  });

  test('a reservation runs out and its tickets go back on sale', async ({ page, browser }, testInfo) => {
    test.setTimeout(300_000);
    expect(ids.event, 'the first test sets the event up').not.toBe('');

    await test.step('the organizer sets a one-minute hold', async () => {
      await signIn(page, organizer);
      await page.goto(`/orgs/${ids.org}/events/${ids.event}`);
      await page.getByLabel(ui.organizer.hold, { exact: true }).fill('1');
      await page.getByRole('button', { name: ui.organizer.save, exact: true }).click();
      await expect(page.getByText(ui.organizer.saved, { exact: true })).toBeVisible();
    });

    const context = await browser.newContext({ locale: 'en-US' });
    const buyer = await context.newPage();
    try {
      await test.step('a guest reserves all three Early bird tickets', async () => {
        await buyer.goto(`/e/${ids.slug}`);
        await expect(ticketItem(buyer, 'Early bird').getByText('Only 3 left', { exact: true })).toBeVisible();
        for (let i = 0; i < 3; i++) await buyer.getByRole('button', { name: ui.page.add('Early bird'), exact: true }).click();
        await buyer.getByRole('button', { name: ui.page.checkout, exact: true }).click();
        await buyer.getByLabel(ui.checkout.name, { exact: true }).fill(late.name);
        await buyer.getByLabel(ui.checkout.email, { exact: true }).fill(late.email);
        await expect(buyer.getByTestId('order-subtotal')).toHaveText('6,000 XAF');
        await buyer.getByRole('button', { name: ui.checkout.submit, exact: true }).click();
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.pending })).toBeVisible();
        await expect(buyer.getByRole('timer')).toHaveText(/^0[01]:\d\d$/);
        await snap(buyer, testInfo, 'hold-countdown');
      });

      await test.step('while held, Early bird is sold out for others', async () => {
        const other = await context.newPage();
        await other.goto(`/e/${ids.slug}`);
        await expect(ticketItem(other, 'Early bird').getByText(ui.page.soldOut, { exact: true })).toBeVisible();
        await other.close();
      });

      await test.step('the countdown runs out: "Reservation expired"', async () => {
        await expect(buyer.getByRole('heading', { level: 1, name: ui.order.expired })).toBeVisible({ timeout: 120_000 });
        await expectAccessible(buyer, testInfo, 'order-expired');
        await snap(buyer, testInfo, 'order-expired');
      });

      await test.step('the tickets are back on sale', async () => {
        await buyer.getByRole('link', { name: ui.order.backToEvent, exact: true }).click();
        const early = ticketItem(buyer, 'Early bird');
        await expect(early.getByText(ui.page.onSale, { exact: true })).toBeVisible();
        await expect(early.getByText('Only 3 left', { exact: true })).toBeVisible();
        await snap(buyer, testInfo, 'back-on-sale');
      });
    } finally {
      await context.close();
    }
  });
});
