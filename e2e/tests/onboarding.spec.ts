/**
 * The newcomer journey: an organizer signs up, confirms the email, signs in, creates an
 * organization, invites a colleague and switches the app to French; the colleague signs up
 * with the invited address, confirms, accepts the invitation and lands on the organization.
 *
 * Selectors are by accessible label / role / text, so they follow the UI copy; when the copy
 * changes, change the strings in `ui` below.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { waitForMailLink } from './support/mail';
import { choose, snap } from './support/ui';

const routes = {
  signUp: '/signup',
  signIn: '/login',
};

const ui = {
  signUp: { name: 'Full name', email: 'Email', password: 'Password', submit: 'Create account' },
  checkEmail: 'Check your email',
  confirmed: 'Your email is confirmed',
  signIn: { email: 'Email', password: 'Password', submit: 'Sign in' },
  newOrg: {
    name: 'Organization name',
    slug: 'Web address',
    country: 'Country',
    currency: 'Currency',
    submit: 'Create organization',
  },
  members: { nav: 'Members', heading: 'Members', headingFr: 'Membres' },
  invite: { email: 'Email', role: 'Role', submit: 'Send invitation', nonePending: /no pending invitations/i },
  language: { label: 'Language', french: 'Français' },
  acceptInvitation: 'Accept invitation',
};

/** Links in emails: verification and invitation. */
const verifyLink = /verif|confirm/i;
const inviteLink = /invit/i;

const run = Date.now().toString(36);
const owner = { name: 'Ada Organizer', email: `ada.${run}@example.com`, password: 'Correct-horse-battery-9' };
const colleague = { name: 'Grace Colleague', email: `grace.${run}@example.com`, password: 'Staple-gun-orbit-42' };
const org = { name: `Douala Jazz Nights ${run}`, slug: `douala-jazz-${run}` };

async function signUp(page: Page, testInfo: TestInfo, who: typeof owner, checkA11y: boolean) {
  await page.goto(routes.signUp);
  await page.getByLabel(ui.signUp.name, { exact: true }).fill(who.name);
  await page.getByLabel(ui.signUp.email, { exact: true }).fill(who.email);
  await page.getByLabel(ui.signUp.password, { exact: true }).fill(who.password);
  if (checkA11y) await expectAccessible(page, testInfo, 'signup');
  await snap(page, testInfo, `signup-${who.name.split(' ')[0].toLowerCase()}`);
  await page.getByRole('button', { name: ui.signUp.submit, exact: true }).click();
  await expect(page.getByText(ui.checkEmail).first()).toBeVisible();
}

async function confirmEmail(page: Page, testInfo: TestInfo, who: typeof owner) {
  const { link } = await waitForMailLink({ to: who.email, link: verifyLink });
  await page.goto(link);
  await expect(page.getByText(ui.confirmed).first()).toBeVisible();
  await snap(page, testInfo, `email-confirmed-${who.name.split(' ')[0].toLowerCase()}`);
}

async function signIn(page: Page, who: typeof owner) {
  await page.getByLabel(ui.signIn.email, { exact: true }).fill(who.email);
  await page.getByLabel(ui.signIn.password, { exact: true }).fill(who.password);
  await page.getByRole('button', { name: ui.signIn.submit, exact: true }).click();
  await expect(page.getByRole('button', { name: ui.signIn.submit, exact: true })).toBeHidden();
}

test('a newcomer creates an organization and a colleague joins it', async ({ page, browser }, testInfo) => {
  await test.step('sign up', async () => {
    await signUp(page, testInfo, owner, true);
    await snap(page, testInfo, 'check-your-email');
  });

  await test.step('confirm the email from the verification link', async () => {
    await confirmEmail(page, testInfo, owner);
  });

  await test.step('sign in', async () => {
    await page.goto(routes.signIn);
    await signIn(page, owner);
    await snap(page, testInfo, 'signed-in');
  });

  await test.step('create an organization', async () => {
    // A newcomer without an organization is offered to create one.
    await expect(page.getByLabel(ui.newOrg.name, { exact: true })).toBeVisible();
    await page.getByLabel(ui.newOrg.name, { exact: true }).fill(org.name);
    await page.getByLabel(ui.newOrg.slug, { exact: true }).fill(org.slug);
    await choose(page.getByLabel(ui.newOrg.country, { exact: true }), ['CM', 'Cameroon']);
    await choose(page.getByLabel(ui.newOrg.currency, { exact: true }), ['XAF']);
    await snap(page, testInfo, 'new-organization');
    await page.getByRole('button', { name: ui.newOrg.submit, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
    await snap(page, testInfo, 'organization-dashboard');
  });

  await test.step('invite a colleague from Members', async () => {
    await page.getByRole('link', { name: ui.members.nav, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: ui.members.heading })).toBeVisible();
    await expectAccessible(page, testInfo, 'members');
    await page.getByLabel(ui.invite.email, { exact: true }).fill(colleague.email);
    const role = page.getByLabel(ui.invite.role, { exact: true });
    // Any role but the owner's: the first option that isn't "owner".
    const roles = await role
      .locator('option')
      .evaluateAll((els) => els.map((o) => (o as HTMLOptionElement).value).filter((v) => v && !/owner/i.test(v)));
    expect(roles.length, 'the Role select offers a non-owner role').toBeGreaterThan(0);
    await role.selectOption(roles[0]);
    await page.getByRole('button', { name: ui.invite.submit, exact: true }).click();
    await expect(page.getByText(colleague.email).first()).toBeVisible();
    await expect(page.getByText(ui.invite.nonePending)).toHaveCount(0);
    await snap(page, testInfo, 'invitation-pending');
  });

  await test.step('switch to French, and it sticks across a reload', async () => {
    await page.getByLabel(ui.language.label, { exact: true }).selectOption({ label: ui.language.french });
    await expect(page.getByRole('heading', { level: 1, name: ui.members.headingFr })).toBeVisible();
    await snap(page, testInfo, 'members-in-french');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: ui.members.headingFr })).toBeVisible();
  });

  // The colleague, in a browser of their own.
  const context = await browser.newContext({ locale: 'en-US' });
  const other = await context.newPage();
  try {
    await test.step('the colleague signs up with the invited address and confirms it', async () => {
      await signUp(other, testInfo, colleague, false);
      await confirmEmail(other, testInfo, colleague);
    });

    await test.step('the colleague accepts the invitation and lands on the organization', async () => {
      const { link } = await waitForMailLink({ to: colleague.email, link: inviteLink });
      await other.goto(link);
      const accept = other.getByRole('button', { name: ui.acceptInvitation, exact: true });
      const signInLink = other.getByRole('link', { name: ui.signIn.submit, exact: true });
      await expect(accept.or(signInLink).first()).toBeVisible();
      if (!(await accept.isVisible())) {
        // Signed out: the invitation offers to sign in, and sign-in comes back here (?next=).
        await snap(other, testInfo, 'invitation-signed-out');
        await signInLink.first().click();
        await signIn(other, colleague);
        await other.waitForURL(/\/invitations\//).catch(() => other.goto(link));
      }
      await expect(accept).toBeVisible();
      await snap(other, testInfo, 'invitation');
      await accept.click();
      await expect(accept).toBeHidden();
      await expect(other.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
      await snap(other, testInfo, 'colleague-on-dashboard');
    });
  } finally {
    await context.close();
  }
});
