import { expect, expectNoAxeViolations, test } from './support/fixtures'

test('Fortnight opens with a heading, no console errors and no accessibility violations', async ({ page, consoleErrors }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)

  await expect(page).toHaveTitle(/Fortnight/)
  // One main heading per screen, as on GOV.UK; it waits out any "opening your workspace" state.
  const heading = page.locator('h1')
  await expect(heading).toHaveCount(1)
  await expect(heading).toBeVisible()
  await expect(heading).not.toBeEmpty()

  await expectNoAxeViolations(page, 'the first screen')
  expect(consoleErrors).toEqual([])
})
