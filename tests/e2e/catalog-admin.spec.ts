import Papa from 'papaparse';
import { test, expect, login } from './support/fixtures';
import { CatalogPage } from './page-models/catalog.page';

/**
 * The supervisor keeps the county's service catalog: finds an item by pinyin initials, edits it
 * (a promised limit beyond the statutory one is refused next to its field), publishes the fix as a
 * new catalog version, and imports an item list whose bad row is named, importing nothing.
 */
test('the supervisor searches, edits and publishes an item, and is told which row of an import is bad', async ({ page }) => {
	await page.goto('/login');
	await login(page, 'supervisor', 'daiban-supervisor');
	await expect(page).toHaveURL(/\/supervisor$/);
	await page.getByRole('link', { name: /事项目录管理/ }).click();
	await expect(page).toHaveURL(/\/supervisor\/catalog$/);

	const catalog = new CatalogPage(page);
	await catalog.items.waitFor();
	const before = await catalog.currentVersion();

	await catalog.search.fill('dbsq');
	await expect(catalog.items.getByRole('link').first()).toContainText('最低生活保障');
	await catalog.search.fill('lnyd');
	await expect(catalog.items.getByRole('link', { name: /老年人优待证办理/ })).toBeVisible();
	await catalog.openItem(/老年人优待证办理/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('老年人优待证办理');

	// Promised beyond statutory: refused, and the problem sits next to the promised limit.
	const statutory = catalog.field(/^法定时限/);
	const promised = catalog.field(/^承诺时限/);
	const statutoryDays = Number(await statutory.inputValue());
	await promised.fill(String(statutoryDays + 5));
	await catalog.save();
	const problem = await catalog.errorOf(promised);
	await expect(problem).toBeVisible();
	await expect(problem).toHaveAttribute('role', 'alert');
	await expect(problem).toContainText('承诺时限');
	await expect(promised).toHaveAttribute('aria-invalid', 'true');
	await expect(promised).toHaveAttribute('aria-describedby', new RegExp(`${await promised.getAttribute('id')}-err`));
	await expect(catalog.errorSummary).toBeVisible();
	await expect(catalog.saveStatus).toHaveText('');

	// Fixed: saved as the next catalog version.
	await promised.fill(String(Math.max(1, statutoryDays - 6)));
	await catalog.save();
	await expect(catalog.saveStatus).toHaveText(`已保存，发布目录版本 ${before + 1}`);
	await expect(problem).toBeHidden();
	await expect(promised).toHaveAttribute('aria-invalid', 'false');

	// An item list with one bad row: the table names the row and column, and nothing is imported.
	await catalog.open();
	expect(await catalog.currentVersion()).toBe(before + 1);
	const exported = await page.request.get('/api/catalog/export.csv');
	expect(exported.status()).toBe(200);
	const rows = Papa.parse<string[]>((await exported.text()).replace(/^\uFEFF/, '')).data.filter((r) => r.length > 1);
	const header = rows[0]!;
	// Row 4 as the spreadsheet counts (the header is row 1).
	rows[3]![header.indexOf('承诺时限')] = '999';
	await catalog.importFile('事项清单-有错.csv', 'text/csv', '\uFEFF' + Papa.unparse(rows));
	await expect(catalog.importErrors).toBeVisible();
	const errorRow = catalog.importErrors.getByRole('row').filter({ hasText: '承诺时限' });
	await expect(errorRow.getByRole('cell').first()).toHaveText('4');
	await expect(page.getByRole('alert').filter({ hasText: /未导入任何内容/ })).toBeVisible();
	await page.reload();
	await catalog.items.waitFor();
	expect(await catalog.currentVersion()).toBe(before + 1);
});

test('the supervisor downloads the item list as XLSX, named with its version', async ({ page }) => {
	await page.goto('/login');
	await login(page, 'supervisor', 'daiban-supervisor');
	await expect(page).toHaveURL(/\/supervisor$/);
	const catalog = new CatalogPage(page);
	await catalog.open();
	const version = await catalog.currentVersion();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: /下载 XLSX/ }).click();
	expect((await download).suggestedFilename()).toBe(`事项清单-v${version}.xlsx`);
});

test('the catalog list and the editor fit a 360 px phone and are usable by keyboard', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/login');
	await login(page, 'supervisor', 'daiban-supervisor');
	await expect(page).toHaveURL(/\/supervisor$/);
	const catalog = new CatalogPage(page);
	await catalog.open();
	const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(await overflow()).toBeLessThanOrEqual(0);

	// Keyboard only: type in the search, tab to the first result and open it.
	await catalog.search.focus();
	await page.keyboard.type('lnyd');
	await expect(catalog.items.getByRole('link')).toHaveCount(1);
	const link = catalog.items.getByRole('link', { name: /老年人优待证办理/ });
	for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(link).toBeFocused();
	await page.keyboard.press('Enter');
	await catalog.baseVersion.waitFor();
	expect(await overflow()).toBeLessThanOrEqual(0);
	await expect(catalog.field(/^承诺时限/)).toBeVisible();
});

test('a new item saved half-filled lists its problems, each at its field, and publishes nothing', async ({ page }) => {
	await page.goto('/login');
	await login(page, 'supervisor', 'daiban-supervisor');
	await expect(page).toHaveURL(/\/supervisor$/);
	const catalog = new CatalogPage(page);
	await catalog.open();
	const before = await catalog.currentVersion();
	await page.getByRole('link', { name: /^新增事项$/ }).click();
	await catalog.baseVersion.waitFor();
	await catalog.field(/^事项编码/).fill('WJ-E2E-NEW-001');
	await catalog.save();
	await expect(catalog.errorSummary).toBeVisible();
	// Focus moves to the summary, so keyboard and screen-reader users start from it.
	expect(await catalog.errorSummary.evaluate((el) => el.parentElement === document.activeElement)).toBe(true);
	for (const label of [/^主项名称/, /^设定依据/])
		await expect(catalog.field(label)).toHaveAttribute('aria-invalid', 'true');
	await expect(await catalog.errorOf(catalog.field(/^主项名称/))).toHaveText('此项必填');
	await catalog.open();
	expect(await catalog.currentVersion()).toBe(before);
});

test("the supervisor publishes a village station's proxy list as a new catalog version", async ({ page }) => {
	await page.goto('/login');
	await login(page, 'supervisor', 'daiban-supervisor');
	await page.getByRole('link', { name: /事项目录管理/ }).click();
	await page.getByRole('link', { name: '各站代办事项清单' }).click();
	await page.getByLabel('村（社区）').selectOption('360121100202');
	const legend = page.getByText(/本站代办事项（已选 \d+ 项）/);
	await expect(legend).toHaveText('本站代办事项（已选 18 项）');
	await page.getByRole('checkbox', { name: /人民调解/ }).uncheck();
	await page.getByRole('checkbox', { name: /个体工商户登记/ }).first().check();
	await expect(legend).toHaveText('本站代办事项（已选 18 项）');
	await page.getByRole('button', { name: '发布本站清单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已发布' })).toHaveText(/已发布为目录第 \d+ 版，本站清单 18 项/);
	// Reloaded from the server, the list is the one just published.
	await page.reload();
	await page.getByLabel('村（社区）').selectOption('360121100202');
	await expect(page.getByRole('checkbox', { name: /人民调解/ })).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: /个体工商户登记/ }).first()).toBeChecked();
});
