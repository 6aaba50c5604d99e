/**
 * Getting an organizer ready through the UI: sign up, confirm the email from the mail folder,
 * sign in, create an organization. Selectors are the visible labels, as in onboarding.spec.ts.
 */
import { expect, type Page } from '@playwright/test';
import { waitForMailLink } from './mail';
import { choose } from './ui';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export async function signUpAndConfirm(page: Page, who: Person): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Full name', { exact: true }).fill(who.name);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await expect(page.getByText('Check your email').first()).toBeVisible();
  const { link } = await waitForMailLink({ to: who.email, link: /verif|confirm/i });
  await page.goto(link);
  await expect(page.getByText('Your email is confirmed').first()).toBeVisible();
}

export async function signIn(page: Page, who: Person): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signed in once the user menu shows (the submit button only says "Signing in…" before that).
  await expect(page.getByRole('button', { name: who.name, exact: true })).toBeVisible();
}

/** Creates an organization from /orgs/new and waits for its dashboard. */
export async function createOrg(
  page: Page,
  org: { name: string; slug: string; country: string[]; currency: string[] },
): Promise<void> {
  await page.goto('/orgs/new');
  await page.getByLabel('Organization name', { exact: true }).fill(org.name);
  await page.getByLabel('Web address', { exact: true }).fill(org.slug);
  await choose(page.getByLabel('Country', { exact: true }), org.country);
  await choose(page.getByLabel('Currency', { exact: true }), org.currency);
  await page.getByRole('button', { name: 'Create organization', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
}
