/**
 * The organizer's side of check-in (issue 6). An organizer sets up an event with two free ticket
 * types (through the API), then, in the SPA, adds a check-in list on the Check-in page and a
 * T-shirt on the Swag page, and opens the Live dashboard (its first stream is cut at once: the page
 * opens it again). In the background (through the API) a guest books a ticket, the door scans it
 * at "North gate" and hands out a T-shirt: the dashboard shows the check-in, the gate and the
 * T-shirt without a reload; leaving the page aborts its stream. Then the organizer records a
 * delivery of 20 T-shirts (stock history, hand-out report, CSV report), reads the scan log, finds
 * the ticket a phone admitted a second time while offline in the conflicts report, and revokes that
 * phone. The Live page is read in French at the end.
 *
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Page } from '@playwright/test';
import { createOrg, signIn, signUpAndConfirm } from './support/account';
import { expectAccessible } from './support/a11y';
import { apiClient, type Api } from './support/api';
import { snap } from './support/ui';

const ui = {
  tabs: { nav: 'Event pages', checkin: 'Check-in', live: 'Live', swag: 'Swag' },
  checkin: {
    listName: 'List name',
    addList: 'Add list',
    lists: 'Check-in lists',
    log: 'Scan log',
    admitted: 'Admitted',
    conflicts: 'Offline conflicts',
    devices: 'Scanning devices',
    revoke: (name: string) => `Revoke device ${name}`,
    confirmRevoke: 'Revoke',
    revoked: (name: string) => `Device ${name} revoked`,
  },
  live: { status: 'Live', checkedIn: 'Checked in', byGate: 'By gate', swag: 'Swag handed out', fr: 'En direct' },
  swag: {
    name: 'Item name',
    stock: 'Stock',
    allowance: 'Allowance per attendee',
    add: 'Add swag item',
    details: (name: string) => `Stock and hand-outs of ${name}`,
    delta: 'Change',
    reason: 'Reason',
    record: 'Record adjustment',
    adjusted: (name: string, delta: string) => `Stock of ${name} adjusted by ${delta}`,
    history: 'Stock history',
    handouts: 'Hand-outs',
    report: 'Download report (CSV)',
  },
  language: { label: 'Language', french: 'Français' },
};

const run = Date.now().toString(36);
const organizer = { name: 'Awa Organizer', email: `awa.${run}@example.com`, password: 'Correct-horse-battery-9' };
const org = { name: `Akwa Live ${run}`, slug: `akwa-live-${run}`, country: ['CM', 'Cameroon'], currency: ['XAF'] };
const eventTitle = `Door Night ${run}`;
const guest = { name: 'Mbarga Guest', email: `mbarga.${run}@example.com` };
const listName = 'Main entrance';
const phone = 'Gate B phone';

const ids = { org: '', event: '', slug: '', general: '', list: '', item: '', device: '' };
let ticketCode = '';

/** A day about a month ahead, as an RFC 3339 instant at `hour` UTC. */
function future(hour: number): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

const nonce = () => `e2e-${crypto.randomUUID()}`;

async function setUpEvent(api: Api): Promise<void> {
  const event = await api.post(`/orgs/${ids.org}/events`, {
    title: { en: eventTitle, fr: `Soirée contrôle ${run}` },
    summary: { en: 'A night to test the doors.' },
    starts_at: future(18),
    ends_at: future(23),
    timezone: 'Africa/Douala',
    location: { venue_name: 'Salle des fêtes', city: 'Douala', country: 'CM' },
  });
  ids.event = event.id;
  ids.slug = event.slug;
  const base = `/orgs/${ids.org}/events/${ids.event}/ticket-types`;
  const free = { amount: '0', currency: 'XAF' };
  ids.general = (await api.post(base, { name: { en: 'General' }, price: free, quantity: 50 })).id;
  await api.post(base, { name: { en: 'VIP' }, price: free, quantity: 10 });
  await api.post(`/orgs/${ids.org}/events/${ids.event}/publish`);
}

/** The event's tab in the "Event pages" navigation. */
const openTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: ui.tabs.nav }).getByRole('link', { name, exact: true }).click();

test.describe.serial('check-in for organizers', () => {
  test('lists, swag, a live dashboard, stock, scan log, conflicts and devices', async ({ page, baseURL }, testInfo) => {
    let api!: Api;

    await test.step('the organizer sets up an event with two free ticket types', async () => {
      await signUpAndConfirm(page, organizer);
      await signIn(page, organizer);
      await createOrg(page, org);
      ids.org = new URL(page.url()).pathname.split('/')[2];
      api = await apiClient(baseURL!, organizer);
      await setUpEvent(api);
    });

    try {
      await test.step('adds a check-in list on the Check-in page', async () => {
        await page.goto(`/orgs/${ids.org}/events/${ids.event}`);
        await openTab(page, ui.tabs.checkin);
        await expect(page).toHaveURL(/\/checkin$/);
        await page.getByLabel(ui.checkin.listName, { exact: true }).fill(listName);
        await page.getByRole('button', { name: ui.checkin.addList, exact: true }).click();
        const lists = page.getByRole('region', { name: ui.checkin.lists });
        await expect(lists.getByRole('rowheader', { name: listName, exact: true })).toBeVisible();
        await expect(lists.getByRole('row').filter({ hasText: listName })).toContainText('All tickets');
        const all = await api.get(`/orgs/${ids.org}/events/${ids.event}/checkin-lists`);
        ids.list = all.find((l: { name: string }) => l.name === listName).id;
        await expectAccessible(page, testInfo, 'checkin-lists');
        await snap(page, testInfo, 'checkin-lists');
      });

      await test.step('adds a T-shirt on the Swag page', async () => {
        await openTab(page, ui.tabs.swag);
        await expect(page).toHaveURL(/\/swag$/);
        await page.getByLabel(ui.swag.name, { exact: true }).fill('T-shirt');
        await page.getByLabel(ui.swag.stock, { exact: true }).fill('50');
        await page.getByLabel(ui.swag.allowance, { exact: true }).fill('1');
        await page.getByRole('button', { name: ui.swag.add, exact: true }).click();
        const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'T-shirt', exact: true }) });
        await expect(row).toBeVisible();
        await expect(row.getByRole('cell').nth(2)).toHaveText('50');
        const items = await api.get(`/orgs/${ids.org}/events/${ids.event}/swag-items`);
        ids.item = items.find((i: { name: string }) => i.name === 'T-shirt').id;
        await expectAccessible(page, testInfo, 'swag');
        await snap(page, testInfo, 'swag');
      });

      await test.step('opens the Live dashboard: nobody in yet, the stream is live (and reopened when cut)', async () => {
        // The first stream ends at once, as a proxy cutting it would: the page opens it again.
        let streams = 0;
        await page.route('**/checkin-stats/stream', async (route) => {
          streams += 1;
          if (streams === 1) {
            await route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': cut\n\n' });
          } else {
            await route.continue();
          }
        });
        await openTab(page, ui.tabs.live);
        await expect(page).toHaveURL(/\/live$/);
        await expect.poll(() => streams).toBeGreaterThanOrEqual(2);
        await page.unroute('**/checkin-stats/stream');
        await expect(page.getByTestId('live-status')).toHaveText(ui.live.status);
        await expect(page.getByTestId('live-checked-in')).toHaveText('0');
        await expectAccessible(page, testInfo, 'live-empty');
        await snap(page, testInfo, 'live-empty');
      });

      await test.step('a guest books a ticket; the door scans it and hands out a T-shirt (API)', async () => {
        // Marks this document: after the scan it must still be the same one (no reload).
        await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
        const anon = await apiClient(baseURL!);
        try {
          const order = await anon.post(
            `/public/events/${ids.slug}/orders`,
            { buyer: guest, items: [{ ticket_type_id: ids.general, quantity: 1 }] },
            { 'Idempotency-Key': crypto.randomUUID() },
          );
          expect(order.status).toBe('confirmed');
          ticketCode = order.tickets[0].code;
        } finally {
          await anon.dispose();
        }
        const scan = await api.post(`/orgs/${ids.org}/checkin-lists/${ids.list}/scans`, {
          code: ticketCode,
          gate: 'North gate',
          nonce: nonce(),
        });
        expect(scan.outcome).toBe('ok');
        const handout = await api.post(`/orgs/${ids.org}/swag-items/${ids.item}/handouts`, { code: ticketCode, nonce: nonce() });
        expect(handout.outcome).toBe('ok');
      });

      await test.step('the dashboard shows the check-in, the gate and the T-shirt without a reload', async () => {
        await expect(page.getByTestId('live-checked-in')).toHaveText('1');
        await expect(page.getByText('of 1 expected', { exact: true })).toBeVisible();
        const gates = page.getByRole('region', { name: ui.live.byGate });
        await expect(gates.getByText('North gate', { exact: true })).toBeVisible();
        await expect(gates.getByText('1 entry', { exact: true })).toBeVisible();
        const swag = page.getByRole('region', { name: ui.live.swag });
        await expect(swag.getByText('1 of 50', { exact: true })).toBeVisible();
        await expect(page.getByTestId('live-status')).toHaveText(ui.live.status);
        expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
        await expectAccessible(page, testInfo, 'live');
        await snap(page, testInfo, 'live');
      });

      await test.step('leaving the dashboard closes its stream', async () => {
        const closed = page.waitForEvent('requestfailed', (r) => r.url().includes('/checkin-stats/stream'));
        await openTab(page, ui.tabs.swag);
        expect((await closed).failure()?.errorText).toMatch(/ABORTED/);
      });

      await test.step('records a delivery of 20 T-shirts; the hand-out shows in the report', async () => {
        await page.getByRole('button', { name: ui.swag.details('T-shirt'), exact: true }).click();
        await page.getByLabel(ui.swag.delta, { exact: true }).fill('20');
        await page.getByLabel(ui.swag.reason, { exact: true }).fill('Second delivery');
        await page.getByRole('button', { name: ui.swag.record, exact: true }).click();
        await expect(page.getByText(ui.swag.adjusted('T-shirt', '+20'), { exact: true })).toBeVisible();
        const history = page.getByRole('region', { name: ui.swag.history });
        await expect(history.getByRole('row').filter({ hasText: 'Second delivery' })).toContainText('+20');
        await expect(history.getByRole('row').filter({ hasText: 'Second delivery' })).toContainText(organizer.name);
        const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'T-shirt', exact: true }) });
        // Stock 70, 1 handed out, 69 remaining.
        await expect(row.getByRole('cell').nth(2)).toHaveText('70');
        await expect(row.getByRole('cell').nth(3)).toHaveText('1');
        const handouts = page.getByRole('region', { name: ui.swag.handouts });
        await expect(handouts.getByRole('row').filter({ hasText: ticketCode })).toContainText(guest.name);
        await expectAccessible(page, testInfo, 'swag-stock');
        await snap(page, testInfo, 'swag-stock');

        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: ui.swag.report, exact: true }).click();
        const csv = await download;
        expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      });

      await test.step('a phone admits the same ticket again while offline (API sync)', async () => {
        ids.device = (await api.post(`/orgs/${ids.org}/checkin-devices`, { name: phone })).id;
        const report = await api.post(`/orgs/${ids.org}/checkin-lists/${ids.list}/scans/sync`, {
          device_id: ids.device,
          scans: [{ code: ticketCode, gate: 'Side door', nonce: nonce(), scanned_at: new Date().toISOString(), offline_outcome: 'ok' }],
        });
        expect(report.conflicts).toBe(1);
      });

      await test.step('reads the scan log and the conflicts report', async () => {
        await openTab(page, ui.tabs.checkin);
        const log = page.getByRole('region', { name: ui.checkin.log });
        const admitted = log.getByRole('row').filter({ hasText: 'North gate' });
        await expect(admitted).toContainText(ticketCode);
        await expect(admitted).toContainText(ui.checkin.admitted);
        await expect(log.getByRole('row').filter({ hasText: 'Side door' })).toContainText('Conflict');
        await page.getByRole('button', { name: ui.checkin.conflicts, exact: true }).click();
        const conflicts = page.getByRole('region', { name: ui.checkin.conflicts });
        await expect(conflicts.getByRole('row').filter({ hasText: ticketCode })).toContainText(phone);
        await expect(conflicts.getByRole('row')).toHaveCount(2);
        await expectAccessible(page, testInfo, 'checkin-conflicts');
        await snap(page, testInfo, 'checkin-conflicts');
      });

      await test.step('revokes the phone; it stays listed, greyed, with the time', async () => {
        const devices = page.getByRole('region', { name: ui.checkin.devices });
        await devices.getByRole('button', { name: ui.checkin.revoke(phone), exact: true }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        await dialog.getByRole('button', { name: ui.checkin.confirmRevoke, exact: true }).click();
        await expect(page.getByText(ui.checkin.revoked(phone), { exact: true })).toBeVisible();
        const row = devices.getByRole('row').filter({ hasText: phone });
        await expect(row).toContainText(/Revoked /);
        await expect(row.getByRole('button')).toHaveCount(0);
        await snap(page, testInfo, 'devices-revoked');
      });

      await test.step('the Live page in French', async () => {
        await openTab(page, ui.tabs.live);
        await expect(page.getByTestId('live-checked-in')).toHaveText('1');
        await page.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
        await expect(page.getByTestId('live-status')).toHaveText(ui.live.fr);
        await expect(page.getByRole('heading', { level: 2, name: 'Par porte' })).toBeVisible();
        await snap(page, testInfo, 'live-fr');
      });
    } finally {
      await api?.dispose();
    }
  });
});
