/**
 * The door. An organizer sets up an event with free tickets, a check-in list and a swag item
 * (through the API), and invites a check-in staff member. Guests book tickets in the background.
 *
 * - The staff member opens the Scanner on a phone-sized screen whose camera (a fake one, playing
 *   a ticket's QR code) shows a ticket: the big panel says "Welcome in" with the guest's name;
 *   the guest lowers the phone and shows it again: "Already checked in".
 * - On another phone the network goes away: typed codes and the name search are decided from the
 *   offline copy (the second scan of a ticket says "Already checked in"), queued, and synced when
 *   the network is back; the ticket another door admitted meanwhile is reported as a conflict.
 * - In swag mode a T-shirt is handed out once: the second scan says "Already received". Then an
 *   organizer revokes the phone, and its next scan is refused.
 *
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { createOrg, signIn, signUpAndConfirm } from './support/account';
import { expectAccessible } from './support/a11y';
import { apiClient, type Api } from './support/api';
import { launchWithCamera, writeY4m } from './support/camera';
import { waitForMailLink } from './support/mail';
import { choose, snap } from './support/ui';

const ui = {
  orgNav: 'Organization sections',
  scanner: 'Scanner',
  setup: {
    heading: 'Door scanner',
    event: 'Event',
    scanFor: 'Scan for',
    gate: 'Gate name',
    device: 'Name of this device',
    start: 'Start scanning',
  },
  result: { welcome: 'Welcome in', already: 'Already checked in', handOver: 'Hand it over', received: 'Already received' },
  manual: { code: 'Ticket code', check: 'Check', handOut: 'Hand out' },
  search: { field: 'Attendee name, email or code', button: 'Search', checkIn: (n: string) => `Check in ${n}` },
  network: { online: /^Online/, offline: /^Offline/ },
  sync: { allSynced: 'All scans synced', queued: (n: number) => `${n} scan(s) to sync` },
  revoked: 'This device was revoked',
};

const run = Date.now().toString(36);
const organizer = { name: 'Door Organizer', email: `door.${run}@example.com`, password: 'Correct-horse-battery-9' };
const staff = { name: 'Gate Staff', email: `gate.${run}@example.com`, password: 'Correct-horse-battery-9' };
const org = { name: `Akwa Door ${run}`, slug: `akwa-door-${run}`, country: ['CM', 'Cameroon'], currency: ['XAF'] };
const eventTitle = `Door Night ${run}`;
const guests = { camera: 'Ama Camera', offline: 'Bello Offline', conflict: 'Chidi Conflict', swag: 'Dayo Swag' };

// Filled in by the first test, read by the next ones (the tests run in order).
const ids = { org: '', event: '', slug: '', list: '', swag: '' };
const tickets: Record<string, { id: string; code: string; qr_png_url: string; order: string }> = {};

function future(hour: number): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

/** The event with a free type, published; a check-in list and a swag item. */
async function setUpEvent(api: Api): Promise<string> {
  const event = await api.post(`/orgs/${ids.org}/events`, {
    title: { en: eventTitle },
    summary: { en: 'A night to test the door.' },
    starts_at: future(18),
    ends_at: future(23),
    timezone: 'Africa/Douala',
    location: { venue_name: 'Salle Akwa', city: 'Douala', country: 'CM' },
  });
  ids.event = event.id;
  ids.slug = event.slug;
  const type = await api.post(`/orgs/${ids.org}/events/${ids.event}/ticket-types`, {
    name: { en: 'Standard' },
    price: { amount: '0', currency: 'XAF' },
    quantity: 100,
  });
  await api.post(`/orgs/${ids.org}/events/${ids.event}/publish`);
  ids.list = (await api.post(`/orgs/${ids.org}/events/${ids.event}/checkin-lists`, { name: 'Main door' })).id;
  ids.swag = (await api.post(`/orgs/${ids.org}/events/${ids.event}/swag-items`, { name: 'T-shirt', stock: 5 })).id;
  return type.id;
}

/** A free order for one guest (confirmed at once), whose ticket we keep by the guest's name. */
async function book(anon: Api, typeId: string, guest: string): Promise<void> {
  const email = `${guest.split(' ')[0].toLowerCase()}.${run}@example.com`;
  const order = await anon.post(
    `/public/events/${ids.slug}/orders`,
    { buyer: { name: guest, email }, items: [{ ticket_type_id: typeId, quantity: 1, attendees: [guest] }] },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(order.status).toBe('confirmed');
  tickets[guest] = { ...order.tickets[0], order: order.id };
}

/** Invites the staff member as check-in staff; they sign up and accept. */
async function hireStaff(page: Page, api: Api, baseURL: string): Promise<void> {
  await api.post(`/orgs/${ids.org}/invitations`, { email: staff.email, role: 'checkin_staff' });
  await signUpAndConfirm(page, staff);
  const { link } = await waitForMailLink({ to: staff.email, link: /invit/i });
  const token = new URL(link).searchParams.get('token');
  const them = await apiClient(baseURL, staff);
  try {
    await them.post('/invitations/accept', { token });
  } finally {
    await them.dispose();
  }
}

const result = (page: Page) => page.getByTestId('scan-result');

/** Signs in as staff, opens the Scanner from the organization's navigation and starts on `target`. */
async function openScanner(page: Page, target: string | RegExp, gate: string, testInfo?: TestInfo): Promise<void> {
  await signIn(page, staff);
  await page.goto(`/orgs/${ids.org}`);
  await page.getByRole('navigation', { name: ui.orgNav }).getByRole('link', { name: ui.scanner, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.setup.heading })).toBeVisible();
  await choose(page.getByLabel(ui.setup.event, { exact: true }), [eventTitle]);
  const scanFor = page.getByLabel(ui.setup.scanFor, { exact: true });
  await expect(scanFor).toBeVisible();
  const options = await scanFor.locator('option').allTextContents();
  const label = options.find((o) => (typeof target === 'string' ? o === target : target.test(o)));
  expect(label, `"${target}" among ${JSON.stringify(options)}`).toBeTruthy();
  await scanFor.selectOption({ label: label! });
  await page.getByLabel(ui.setup.gate, { exact: true }).fill(gate);
  const device = page.getByLabel(ui.setup.device, { exact: true });
  if (await device.count()) {
    await expect(device).toHaveValue(`${staff.name}'s phone`);
  }
  if (testInfo) {
    await expectAccessible(page, testInfo, 'scanner-setup');
    await snap(page, testInfo, 'scanner-setup');
  }
  await page.getByRole('button', { name: ui.setup.start, exact: true }).click();
  await expect(page).toHaveURL(/\/scan\?event=/);
}

async function typeCode(page: Page, code: string, button = ui.manual.check): Promise<void> {
  await page.getByLabel(ui.manual.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: button, exact: true }).click();
}

test.describe.serial('check-in at the door', () => {
  test('a staff member scans a ticket shown to the camera: ok, then already checked in', async ({ page, baseURL }, testInfo) => {
    await test.step('the organizer sets up the event, its list and swag; guests book', async () => {
      await signUpAndConfirm(page, organizer);
      await signIn(page, organizer);
      await createOrg(page, org);
      ids.org = new URL(page.url()).pathname.split('/')[2];
      const api = await apiClient(baseURL!, organizer);
      const anon = await apiClient(baseURL!);
      try {
        const typeId = await setUpEvent(api);
        for (const guest of Object.values(guests)) await book(anon, typeId, guest);
        await page.context().clearCookies();
        await hireStaff(page, api, baseURL!);
      } finally {
        await api.dispose();
        await anon.dispose();
      }
    });

    // The camera plays the ticket's QR code, as its holder would show it.
    const y4m = path.join(os.tmpdir(), `reckot-e2e-${run}`, 'ticket.y4m');
    const anon = await apiClient(baseURL!);
    try {
      const png = await anon.ctx.get(tickets[guests.camera].qr_png_url);
      expect(png.ok()).toBeTruthy();
      writeY4m(await png.body(), y4m);
    } finally {
      await anon.dispose();
    }
    const browser = await launchWithCamera(y4m);
    try {
      const context = await browser.newContext({
        baseURL,
        locale: 'en-US',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        permissions: ['camera'],
      });
      const phone = await context.newPage();

      await test.step('opens the Scanner on the Main door list at the North gate', async () => {
        await openScanner(phone, 'Main door', 'North gate', testInfo);
        await expect(phone.getByRole('heading', { level: 1, name: 'Scanning · Main door' })).toBeVisible();
        await expect(phone.getByText('Gate: North gate')).toBeVisible();
      });

      await test.step('the camera reads the ticket: welcome in', async () => {
        await expect(result(phone)).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
        await expect(result(phone)).toContainText(ui.result.welcome);
        await expect(result(phone)).toContainText(guests.camera);
        await expect(result(phone)).toContainText('Standard');
        await expect(phone.getByTestId('scan-counts')).toHaveText('1 of 4 checked in');
        await snap(phone, testInfo, 'phone-camera-ok');
      });

      await test.step('shown again after being lowered: already checked in', async () => {
        await expect(result(phone)).toHaveAttribute('data-outcome', 'already_checked_in', { timeout: 20_000 });
        await expect(result(phone)).toContainText(ui.result.already);
        await expect(result(phone)).toContainText(/Entered at \d\d:\d\d:\d\d at North gate/);
        await expect(phone.getByTestId('scan-log').getByRole('listitem')).toHaveCount(2);
        await expect(phone.getByTestId('scan-counts')).toHaveText('1 of 4 checked in');
        await expectAccessible(phone, testInfo, 'scanner-phone');
        await snap(phone, testInfo, 'phone-camera-already');
      });

      await test.step('leaving the page turns the camera off', async () => {
        // Keep a handle on the stream, then leave through the app's own navigation.
        await phone.evaluate(() => {
          (window as any).__scannerStream = document.querySelector('video')?.srcObject;
        });
        expect(await phone.evaluate(() => (window as any).__scannerStream?.getTracks().length ?? 0)).toBeGreaterThan(0);
        await phone.getByRole('navigation', { name: ui.orgNav }).getByRole('link', { name: 'Overview', exact: true }).click();
        await expect(phone.getByTestId('scan-result')).toHaveCount(0);
        const live = await phone.evaluate(() =>
          ((window as any).__scannerStream as MediaStream).getTracks().filter((t) => t.readyState === 'live').length,
        );
        expect(live).toBe(0);
      });
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('an offline session queues scans and syncs them; a double admission is reported', async ({ browser, baseURL }, testInfo) => {
    const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    try {
      await test.step('opens the Scanner; the offline copy is downloaded', async () => {
        await openScanner(phone, 'Main door', 'South gate');
        await expect(phone.getByText(/^Offline copy: 4 tickets, updated/)).toBeVisible();
        await expect(phone.getByTestId('network-status')).toHaveText(ui.network.online);
      });

      await test.step('the network goes away', async () => {
        await context.setOffline(true);
        await expect(phone.getByTestId('network-status')).toHaveText(ui.network.offline);
        await expect(phone.getByText(/^No network: scans are decided on this phone/)).toBeVisible();
      });

      await test.step('meanwhile another door admits Chidi (online)', async () => {
        const api = await apiClient(baseURL!, organizer);
        try {
          const answer = await api.post(`/orgs/${ids.org}/checkin-lists/${ids.list}/scans`, {
            code: tickets[guests.conflict].code,
            gate: 'East gate',
            nonce: `e2e-east-${run}`,
          });
          expect(answer.outcome).toBe('ok');
        } finally {
          await api.dispose();
        }
      });

      await test.step('a typed code is admitted offline, then refused the second time', async () => {
        // Lower case and without dashes, as people type.
        await typeCode(phone, tickets[guests.offline].code.replace(/-/g, '').toLowerCase());
        await expect(result(phone)).toHaveAttribute('data-outcome', 'ok');
        await expect(result(phone)).toContainText(guests.offline);
        await expect(result(phone)).toContainText('Decided offline, will sync');
        await expect(phone.getByTestId('sync-queue')).toHaveText(ui.sync.queued(1));
        await typeCode(phone, tickets[guests.offline].code);
        await expect(result(phone)).toHaveAttribute('data-outcome', 'already_checked_in');
        await expect(phone.getByTestId('sync-queue')).toHaveText(ui.sync.queued(2));
      });

      await test.step('Chidi is found by name in the offline copy and checked in', async () => {
        await phone.getByLabel(ui.search.field, { exact: true }).fill('chidi');
        await phone.getByRole('button', { name: ui.search.button, exact: true }).click();
        await expect(phone.getByText('Searched in the offline copy.', { exact: false })).toBeVisible();
        await phone.getByRole('button', { name: ui.search.checkIn(guests.conflict), exact: true }).click();
        await expect(result(phone)).toHaveAttribute('data-outcome', 'ok');
        await expect(result(phone)).toContainText(guests.conflict);
        await expect(phone.getByTestId('sync-queue')).toHaveText(ui.sync.queued(3));
        // 1 in before (the camera), 1 more from another door not known here, 2 admitted offline.
        await expect(phone.getByTestId('scan-counts')).toHaveText('3 of 4 checked in');
        await expectAccessible(phone, testInfo, 'scanner-offline');
        await snap(phone, testInfo, 'phone-offline-queued');
      });

      await test.step('back online: the queue syncs by itself and the conflict is reported', async () => {
        await context.setOffline(false);
        await expect(phone.getByTestId('sync-queue')).toHaveText(ui.sync.allSynced, { timeout: 30_000 });
        const report = phone.getByTestId('sync-report');
        await expect(report).toContainText('3 offline scan(s) synced.');
        await expect(report).toContainText('1 conflict(s): these tickets had already been admitted elsewhere.');
        await expect(report).toContainText(`${guests.conflict}: already admitted`);
        await expect(report).toContainText('East gate');
        await expect(phone.getByTestId('network-status')).toHaveText(ui.network.online);
        await expect(phone.getByTestId('scan-counts')).toHaveText('3 of 4 checked in');
        await snap(phone, testInfo, 'phone-synced-conflict');
      });

      await test.step('the server counts each admission once and keeps the conflict', async () => {
        const api = await apiClient(baseURL!, organizer);
        try {
          const list = await api.get(`/orgs/${ids.org}/checkin-lists/${ids.list}`);
          expect(list.counts.checked_in).toBe(3);
          const conflicts = await api.get(`/orgs/${ids.org}/checkin-lists/${ids.list}/scans?conflicts=true`);
          expect(conflicts.items.map((s: any) => s.ticket?.attendee_name)).toEqual([guests.conflict]);
        } finally {
          await api.dispose();
        }
      });
    } finally {
      await context.close();
    }
  });

  test('swag is handed out once; a revoked phone stops scanning', async ({ browser, baseURL }, testInfo) => {
    const context = await browser.newContext({ baseURL, locale: 'en-US' });
    const page = await context.newPage();
    try {
      await test.step('opens the Scanner in swag mode', async () => {
        await openScanner(page, /^T-shirt \(5 left\)$/, 'Merch desk');
        await expect(page.getByRole('heading', { level: 1, name: 'Handing out · T-shirt' })).toBeVisible();
        await expect(page.getByTestId('scan-counts')).toHaveText('5 of 5 left');
      });

      await test.step('the T-shirt is handed out, then refused the second time', async () => {
        await typeCode(page, tickets[guests.swag].code, ui.manual.handOut);
        await expect(result(page)).toHaveAttribute('data-outcome', 'ok');
        await expect(result(page)).toContainText(ui.result.handOver);
        await expect(result(page)).toContainText(guests.swag);
        await expect(page.getByTestId('scan-counts')).toHaveText('4 of 5 left');
        await typeCode(page, tickets[guests.swag].code, ui.manual.handOut);
        await expect(result(page)).toHaveAttribute('data-outcome', 'allowance_reached');
        await expect(result(page)).toContainText(ui.result.received);
        await expect(result(page)).toContainText('Received 1 of 1');
        await expect(page.getByTestId('scan-counts')).toHaveText('4 of 5 left');
        await expectAccessible(page, testInfo, 'scanner-swag');
        await snap(page, testInfo, 'swag-already-received');
      });

      await test.step('the screen reads in French', async () => {
        const language = page.getByLabel('Language', { exact: true });
        await language.selectOption({ label: 'Français' });
        await expect(result(page)).toContainText('Déjà reçu');
        await expect(result(page)).toContainText('Reçu 1 sur 1');
        await expect(page.getByTestId('scan-counts')).toHaveText('4 sur 5 restants');
        await expect(page.getByRole('button', { name: 'Remettre', exact: true })).toBeVisible();
        await snap(page, testInfo, 'swag-french');
        await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'English' });
        await expect(result(page)).toContainText(ui.result.received);
      });

      await test.step('an organizer revokes this phone: its next scan is refused', async () => {
        const deviceId = await page.evaluate((org) => localStorage.getItem(`reckot.scanner.device.${org}`), ids.org);
        expect(deviceId).toBeTruthy();
        const api = await apiClient(baseURL!, organizer);
        try {
          await api.post(`/orgs/${ids.org}/checkin-devices/${deviceId}/revoke`);
        } finally {
          await api.dispose();
        }
        await typeCode(page, tickets[guests.camera].code, ui.manual.handOut);
        await expect(page.getByRole('alert').filter({ hasText: ui.revoked })).toBeVisible();
        await expect(page.getByLabel(ui.manual.code, { exact: true })).toHaveCount(0);
        const kept = await page.evaluate((org) => localStorage.getItem(`reckot.scanner.device.${org}`), ids.org);
        expect(kept).toBeNull();
        await snap(page, testInfo, 'revoked');
      });
    } finally {
      await context.close();
    }
  });
});
