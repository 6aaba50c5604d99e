/**
 * The event journey: an organizer creates a bilingual, themed event with three ticket types (one
 * free, two paid sharing a capacity group) and publishes it; an anonymous visitor finds it on the
 * home page by words and by filters, opens it, sees prices and availability in English, then in
 * French. Also: custom CSS with an @import is refused with a field error.
 *
 * Selectors are by accessible label / role / text; the copy lives in `ui` below.
 */
import { expect, test, type Page } from '@playwright/test';
import { createOrg, signIn, signUpAndConfirm } from './support/account';
import { expectAccessible } from './support/a11y';
import { choose, snap } from './support/ui';

const ui = {
  nav: { events: 'Events' },
  list: { create: 'Create event', heading: 'Events' },
  form: {
    titleEn: 'Title (English)',
    titleFr: 'Title (French)',
    summaryEn: 'Summary (English)',
    summaryFr: 'Summary (French)',
    descriptionEn: 'Description (English)',
    descriptionFr: 'Description (French)',
    frenchTab: 'French',
    category: 'Category',
    starts: 'Starts',
    ends: 'Ends',
    timeZone: 'Time zone',
    venue: 'Venue',
    address: 'Address',
    city: 'City',
    primary: 'Primary color',
    accent: 'Accent color',
    css: 'Custom CSS',
    preview: 'Preview',
    previewRegion: 'Theme preview',
    save: 'Save',
  },
  publish: { button: 'Publish', before: 'Before publishing:', badge: 'Published', view: 'View public page' },
  tickets: {
    nameEn: 'Name (English)',
    nameFr: 'Name (French)',
    price: 'Price',
    quantity: 'Quantity',
    group: 'Capacity group',
    add: 'Add ticket type',
  },
  capacity: { name: 'Group name', capacity: 'Capacity', add: 'Add group' },
  discover: {
    search: 'Search events',
    searchButton: 'Search',
    city: 'City',
    category: 'Category',
    results: 'Events found',
    noMatch: 'No events match your search.',
  },
  page: { free: 'Free', freeFr: 'Gratuit', onSale: 'On sale', onSaleFr: 'En vente', onlyLeft: 'Only 8 left', calendar: 'Add to calendar' },
  language: { label: 'Language', french: 'Français' },
};

const run = Date.now().toString(36);
const word = `Makossa${run}`;
const organizer = { name: 'Eko Organizer', email: `eko.${run}@example.com`, password: 'Correct-horse-battery-9' };
const org = { name: `Wouri Live ${run}`, slug: `wouri-live-${run}`, country: ['CM', 'Cameroon'], currency: ['XAF'] };
const event = {
  titleEn: `${word} Jazz Night`,
  titleFr: `Nuit du jazz ${word}`,
  summaryEn: 'Live jazz by the Wouri river, with guests from Yaoundé.',
  summaryFr: 'Du jazz en direct au bord du Wouri, avec des invités de Yaoundé.',
  descriptionEn: '## Programme\n\n- **20:00** opening set\n- **21:30** the big band\n\nBring your friends.',
  descriptionFr: '## Programme\n\n- **20h00** première partie\n- **21h30** le big band\n\nVenez avec vos amis.',
  venue: 'Espace Wouri',
  address: 'Boulevard de la Liberté',
  city: 'Douala',
  primary: '#4c1d95',
  accent: '#9a3412',
  css: '.event-header { border-bottom: 8px solid var(--event-accent); }\nh1 { letter-spacing: 0.02em; }',
  badCss: '@import url(https://evil.example/x.css);',
};
const tickets = [
  { en: 'Community pass', fr: 'Pass communautaire', price: '0', quantity: '8', group: null },
  { en: 'Standard', fr: 'Standard', price: '5000', quantity: '250', group: 'Main hall' },
  { en: 'VIP', fr: 'VIP', price: '15000', quantity: '50', group: 'Main hall' },
];

/** A day about two months ahead, as YYYY-MM-DD (the event must start in the future). */
function futureDay(): string {
  const d = new Date(Date.now() + 60 * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

async function addTicket(page: Page, t: (typeof tickets)[number]) {
  await page.getByLabel(ui.tickets.nameEn, { exact: true }).fill(t.en);
  await page.getByLabel(ui.tickets.nameFr, { exact: true }).fill(t.fr);
  await page.getByLabel(ui.tickets.price, { exact: true }).fill(t.price);
  await page.getByLabel(ui.tickets.quantity, { exact: true }).fill(t.quantity);
  if (t.group) await choose(page.getByLabel(ui.tickets.group, { exact: true }), [t.group]);
  await page.getByRole('button', { name: ui.tickets.add, exact: true }).click();
  await expect(page.getByRole('cell', { name: t.en, exact: true })).toBeVisible();
}

test('an organizer publishes a themed bilingual event and a visitor finds it', async ({ page, browser }, testInfo) => {
  let publicPath = '';

  await test.step('the organizer signs up, signs in and creates an organization', async () => {
    await signUpAndConfirm(page, organizer);
    await signIn(page, organizer);
    await createOrg(page, org);
  });

  await test.step('creates a bilingual event with a theme', async () => {
    await page.getByRole('link', { name: ui.nav.events, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: ui.list.heading })).toBeVisible();
    await page.getByRole('link', { name: ui.list.create, exact: true }).click();

    await page.getByLabel(ui.form.titleEn, { exact: true }).fill(event.titleEn);
    await page.getByLabel(ui.form.summaryEn, { exact: true }).fill(event.summaryEn);
    await page.getByLabel(ui.form.descriptionEn, { exact: true }).fill(event.descriptionEn);
    await page.getByRole('tab', { name: ui.form.frenchTab, exact: true }).first().click();
    await page.getByLabel(ui.form.titleFr, { exact: true }).fill(event.titleFr);
    await page.getByLabel(ui.form.summaryFr, { exact: true }).fill(event.summaryFr);
    await page.getByLabel(ui.form.descriptionFr, { exact: true }).fill(event.descriptionFr);

    await choose(page.getByLabel(ui.form.category, { exact: true }), ['Music', 'music']);
    const day = futureDay();
    await page.getByLabel(ui.form.starts, { exact: true }).fill(`${day}T19:30`);
    await page.getByLabel(ui.form.ends, { exact: true }).fill(`${day}T23:30`);
    await expect(page.getByLabel(ui.form.timeZone, { exact: true })).toHaveValue('Africa/Douala');
    await page.getByLabel(ui.form.venue, { exact: true }).fill(event.venue);
    await page.getByLabel(ui.form.address, { exact: true }).fill(event.address);
    await page.getByLabel(ui.form.city, { exact: true }).fill(event.city);

    await page.getByLabel(ui.form.primary, { exact: true }).fill(event.primary);
    await page.getByLabel(ui.form.accent, { exact: true }).fill(event.accent);
    await page.getByLabel(ui.form.css, { exact: true }).fill(event.css);
    await snap(page, testInfo, 'new-event-form');
    await page.getByRole('button', { name: ui.form.save, exact: true }).click();
    // A saved draft opens its own page, with the ticket editor.
    await expect(page.getByRole('heading', { level: 1, name: event.titleEn })).toBeVisible();
    await expect(page.getByRole('button', { name: ui.tickets.add, exact: true })).toBeVisible();
  });

  await test.step('custom CSS with @import is refused; the good CSS previews the card', async () => {
    const css = page.getByLabel(ui.form.css, { exact: true });
    await css.fill(event.badCss);
    await page.getByRole('button', { name: ui.form.preview, exact: true }).click();
    await expect(css).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#event-css-error')).toContainText(/import/i);
    await snap(page, testInfo, 'custom-css-refused');

    await css.fill(event.css);
    await page.getByRole('button', { name: ui.form.preview, exact: true }).click();
    await expect(css).toHaveAttribute('aria-invalid', 'false');
    const preview = page.getByRole('group', { name: ui.form.previewRegion });
    // The page's header band and card, styled by the colors and the scoped custom CSS.
    const band = preview.locator('header.event-header');
    await expect(band).toContainText(event.titleEn);
    await expect(band).toHaveCSS('background-color', 'rgb(76, 29, 149)');
    await expect(band).toHaveCSS('border-bottom-width', '8px');
    await expect(preview.getByRole('article')).toContainText(event.titleEn);
    await preview.scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'theme-preview');
  });

  await test.step('uploads a cover image, refusing a non-image first', async () => {
    const cover = page.locator('#event-cover');
    const input = cover.getByLabel('Cover image', { exact: true });
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await expect(cover.getByRole('alert')).toBeVisible();
    // A 1x1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await input.setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: png });
    await expect(cover.locator('img[src^="/media/covers/"]')).toBeVisible();
    await expect(cover.getByRole('button', { name: 'Remove cover', exact: true })).toBeVisible();
  });

  await test.step('publishing without tickets lists what is missing', async () => {
    await page.getByRole('button', { name: ui.publish.button, exact: true }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: ui.publish.button, exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: ui.publish.before });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Tickets');
  });

  await test.step('adds a capacity group and three ticket types', async () => {
    await page.getByLabel(ui.capacity.name, { exact: true }).fill('Main hall');
    await page.getByRole('spinbutton', { name: ui.capacity.capacity, exact: true }).fill('280');
    await page.getByRole('button', { name: ui.capacity.add, exact: true }).click();
    await expect(page.getByRole('heading', { level: 3, name: 'Main hall' })).toBeVisible();
    for (const t of tickets) await addTicket(page, t);
    // Both paid types draw from the group.
    const group = page.locator('#capacity li').filter({ hasText: 'Main hall' });
    await expect(group.getByText('Standard', { exact: true })).toBeVisible();
    await expect(group.getByText('VIP', { exact: true })).toBeVisible();
    await page.locator('#tickets').scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'event-editor-tickets');
    await expectAccessible(page, testInfo, 'event-editor');
  });

  await test.step('publishes the event', async () => {
    await page.getByRole('button', { name: ui.publish.button, exact: true }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: ui.publish.button, exact: true }).click();
    await expect(page.getByText(ui.publish.badge, { exact: true }).first()).toBeVisible();
    const link = page.getByRole('link', { name: ui.publish.view, exact: true });
    await expect(link).toBeVisible();
    publicPath = (await link.getAttribute('href')) ?? '';
    expect(publicPath).toMatch(/^\/e\//);
    await snap(page, testInfo, 'event-published');

    // The list shows it under "Published".
    await page.getByRole('link', { name: ui.nav.events, exact: true }).click();
    await page.getByRole('tab', { name: ui.publish.badge, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: event.titleEn });
    await expect(row).toBeVisible();
    await expect(row.getByText(ui.publish.badge, { exact: true })).toBeVisible();
    await snap(page, testInfo, 'events-list');
  });

  // The visitor, signed out, in a browser of their own.
  const context = await browser.newContext({ locale: 'en-US' });
  const visitor = await context.newPage();
  try {
    await test.step('a visitor finds the event by words on the home page', async () => {
      await visitor.goto('/');
      await visitor.getByLabel(ui.discover.search, { exact: true }).fill(word);
      await visitor.getByRole('button', { name: ui.discover.searchButton, exact: true }).click();
      await expect(visitor.getByRole('link', { name: event.titleEn })).toBeVisible();
      await expectAccessible(visitor, testInfo, 'discover');
      await snap(visitor, testInfo, 'discover-search');
    });

    await test.step('and by city and category', async () => {
      const results = visitor.getByRole('list', { name: ui.discover.results });
      const city = visitor.getByLabel(ui.discover.city, { exact: true });
      await visitor.getByLabel(ui.discover.search, { exact: true }).fill('');
      await city.fill('Garoua');
      await city.press('Enter');
      await expect(visitor.getByText(ui.discover.noMatch)).toBeVisible();
      await city.fill(event.city);
      await city.press('Enter');
      await expect(results).toHaveAttribute('aria-busy', 'false');
      await expect(visitor.getByRole('link', { name: event.titleEn })).toBeVisible();
      await choose(visitor.getByLabel(ui.discover.category, { exact: true }), ['music', 'Music']);
      await expect(results).toHaveAttribute('aria-busy', 'false');
      await expect(visitor.getByRole('link', { name: event.titleEn })).toBeVisible();
      await snap(visitor, testInfo, 'discover-filtered');
    });

    await test.step('opens it: prices, availability and the theme', async () => {
      await visitor.getByRole('link', { name: event.titleEn }).click();
      await expect(visitor).toHaveURL(new RegExp(`${publicPath}$`));
      await expect(visitor.getByRole('heading', { level: 1, name: event.titleEn })).toBeVisible();
      const list = visitor.locator('#tickets');
      await expect(list.getByText(ui.page.free, { exact: true })).toBeVisible();
      await expect(list.getByText('5,000 XAF', { exact: true })).toBeVisible();
      await expect(list.getByText('15,000 XAF', { exact: true })).toBeVisible();
      await expect(list.getByText(ui.page.onSale, { exact: true })).toHaveCount(3);
      await expect(list.getByText(ui.page.onlyLeft, { exact: true })).toBeVisible();
      await expect(visitor.getByRole('link', { name: ui.page.calendar })).toHaveAttribute('href', /calendar\.ics$/);
      // The organizer's colors arrive through the adopted stylesheet.
      await expect(visitor.locator('header.event-header')).toHaveCSS('background-color', 'rgb(76, 29, 149)');
      await expect(visitor.locator('header.event-header')).toHaveCSS('border-bottom-width', '8px');
      await expectAccessible(visitor, testInfo, 'event-page');
      await snap(visitor, testInfo, 'event-page-en');
    });

    await test.step('switches to French', async () => {
      await visitor.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
      await expect(visitor.getByRole('heading', { level: 1, name: event.titleFr })).toBeVisible();
      const list = visitor.locator('#tickets');
      await expect(list.getByText(ui.page.freeFr, { exact: true })).toBeVisible();
      await expect(list.getByText(/^5\s000\sXAF$/)).toBeVisible();
      await expect(list.getByText(ui.page.onSaleFr, { exact: true })).toHaveCount(3);
      await expect(visitor.getByRole('heading', { level: 3, name: 'Pass communautaire' })).toBeVisible();
      await snap(visitor, testInfo, 'event-page-fr');
    });
  } finally {
    await context.close();
  }
});
