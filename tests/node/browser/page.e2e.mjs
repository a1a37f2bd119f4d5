// The interactive test page in headless Chromium, used as a person would: TestPageBrowserTest
// starts a server with the page enabled and runs this file with the server's port, the app's
// credentials, the page's path and a directory for the screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PusherServer from 'pusher';
import { launch } from './chromium.mjs';
import { env } from '../harness.mjs';

const port = Number(env('SOCKUDO_PORT'));
const appId = env('SOCKUDO_APP_ID');
const key = env('SOCKUDO_APP_KEY');
const secret = env('SOCKUDO_APP_SECRET');
const pagePath = env('SOCKUDO_TEST_PAGE_PATH');
const artefacts = env('SOCKUDO_ARTEFACTS');
mkdirSync(artefacts, { recursive: true });

const backend = new PusherServer({ appId, key, secret, host: '127.0.0.1', port, useTLS: false });
const WAIT = { timeout: 10000 };

let browser;
let alice;
let bob;

async function openPage(user) {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.log(`# page error (${user}): ${e.message}`));
  const url = `http://127.0.0.1:${port}${pagePath}/?key=${encodeURIComponent(key)}&user_id=${user}&user_name=${user.toUpperCase()}`;
  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  return page;
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: true });
}

async function subscribe(page, channel) {
  await page.fill('#channel-name', channel);
  await page.click('#subscribe');
  await page.waitForSelector(`#channels li[data-channel="${channel}"][data-state="subscribed"]`, WAIT);
}

function eventItem(page, channel, event) {
  return page.locator(`#events li[data-channel="${channel}"][data-event="${event}"]`);
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the page loads from the server with pusher-js and connects with the key it is given', async () => {
  alice = await openPage('alice');
  assert.equal(await alice.title(), 'Sockudo test page');
  assert.equal(await alice.evaluate(() => typeof window.Pusher), 'function');
  assert.equal(await alice.textContent('#state'), 'initialized');
  await alice.click('#connect');
  await alice.waitForSelector('#state[data-state="connected"]', WAIT);
  assert.match(await alice.textContent('#socket-id'), /^socket \d+\.\d+$/);
  await screenshot(alice, '1-connected');
});

test('a public channel receives an event published through the HTTP API', async () => {
  await subscribe(alice, 'public-room');
  await backend.trigger('public-room', 'greeting', { text: 'hello from the API' });
  await eventItem(alice, 'public-room', 'greeting').waitFor(WAIT);
  assert.match(await eventItem(alice, 'public-room', 'greeting').textContent(), /hello from the API/);
});

test('the page publishes through the HTTP API itself, signed by the server', async () => {
  await alice.fill('#trigger-channel', 'public-room');
  await alice.fill('#trigger-event', 'from-the-page');
  await alice.fill('#trigger-data', '{"text":"sent with the publish form"}');
  await alice.click('#trigger');
  await eventItem(alice, 'public-room', 'from-the-page').waitFor(WAIT);
  assert.match(await alice.textContent('#trigger-result'), /^200 /);
  await screenshot(alice, '2-public-events');
});

test('a presence channel shows both members when two pages join', async () => {
  await subscribe(alice, 'presence-lobby');
  bob = await openPage('bob');
  await bob.click('#connect');
  await bob.waitForSelector('#state[data-state="connected"]', WAIT);
  await subscribe(bob, 'presence-lobby');
  for (const page of [alice, bob]) {
    await page.waitForFunction(() => document.querySelectorAll('#members li[data-channel="presence-lobby"]').length === 2,
      null, WAIT);
    const ids = await page.$$eval('#members li', (items) => items.map((li) => li.dataset.userId).sort());
    assert.deepEqual(ids, ['alice', 'bob']);
  }
  assert.match(await alice.textContent('#members li[data-user-id="bob"]'), /BOB \(bob\)/);
  await screenshot(alice, '3-presence-alice');
  await screenshot(bob, '3-presence-bob');
});

test('a client event on a private channel goes from one page to the other', async () => {
  await subscribe(alice, 'private-chat');
  await subscribe(bob, 'private-chat');
  await alice.fill('#client-channel', 'private-chat');
  await alice.fill('#client-event', 'client-typing');
  await alice.fill('#client-data', '{"typing":true}');
  await alice.click('#send-client-event');
  await eventItem(bob, 'private-chat', 'client-typing').waitFor(WAIT);
  assert.match(await eventItem(bob, 'private-chat', 'client-typing').textContent(), /"typing":true/);
  assert.equal(await eventItem(alice, 'private-chat', 'client-typing').count(), 0, 'the sender does not get its own client event');
});

test('an encrypted channel decrypts what the page encrypted and published', async () => {
  await subscribe(alice, 'private-encrypted-vault');
  await subscribe(bob, 'private-encrypted-vault');
  await alice.fill('#trigger-channel', 'private-encrypted-vault');
  await alice.fill('#trigger-event', 'secret');
  await alice.fill('#trigger-data', '{"code":"only for subscribers"}');
  await alice.click('#trigger');
  for (const page of [alice, bob]) {
    await eventItem(page, 'private-encrypted-vault', 'secret').waitFor(WAIT);
    assert.match(await eventItem(page, 'private-encrypted-vault', 'secret').textContent(), /only for subscribers/);
  }
  // on the wire the event is ciphertext: the plain text appears in no received frame
  const wire = await bob.$$eval('#log li.in', (items) => items.map((li) => li.textContent).join('\n'));
  assert.match(wire, /"event":"secret"/);
  assert.doesNotMatch(wire, /only for subscribers/);
});

test('delta compression saves bytes on a stream of similar events and the page shows them all', async () => {
  await alice.click('#enable-delta');
  await alice.waitForFunction(() => document.querySelector('#delta-state').textContent.startsWith('on'), null, WAIT);
  await subscribe(alice, 'ticker');
  const count = 8;
  for (let i = 0; i < count; i++) {
    await backend.trigger('ticker', 'price', {
      symbol: 'BTC', venue: 'exchange-one', description: 'a long description that repeats itself in every update',
      price: 100 + i,
    });
  }
  await alice.waitForFunction((n) => document.querySelectorAll('#events li[data-channel="ticker"]').length === n, count, WAIT);
  const prices = await alice.$$eval('#events li[data-channel="ticker"]',
    (items) => items.map((li) => Number(/"price":(\d+)/.exec(li.textContent)[1])).sort((a, b) => a - b));
  assert.deepEqual(prices, Array.from({ length: count }, (_, i) => 100 + i));
  const deltas = Number(await alice.textContent('#delta-deltas'));
  const saved = Number.parseFloat(await alice.textContent('#delta-saved'));
  assert.ok(deltas >= 1, `deltas: ${deltas}`);
  assert.ok(saved > 0, `saved: ${saved}%`);
  await screenshot(alice, '4-delta-compression');
});

test('a tag filter given with a subscription lets only matching events through', async () => {
  await bob.fill('#tags-filter', '{"key":"sym","cmp":"eq","val":"BTC"}');
  await subscribe(bob, 'quotes');
  await bob.fill('#tags-filter', '');
  await bob.fill('#trigger-channel', 'quotes');
  await bob.fill('#trigger-event', 'quote');
  for (const sym of ['ETH', 'BTC']) {
    await bob.fill('#trigger-data', `{"sym":"${sym}"}`);
    await bob.fill('#trigger-tags', `{"sym":"${sym}"}`);
    await bob.click('#trigger');
    await bob.waitForFunction(() => document.querySelector('#trigger-result').textContent.startsWith('200'), null, WAIT);
  }
  // the BTC event was published after the ETH one on the same path: once it is here, ETH would be too
  await eventItem(bob, 'quotes', 'quote').waitFor(WAIT);
  const quotes = await bob.$$eval('#events li[data-channel="quotes"]', (items) => items.map((li) => li.textContent));
  assert.equal(quotes.length, 1, quotes.join('\n'));
  assert.match(quotes[0], /"sym":"BTC"/);
  const subscribeFrame = await bob.$$eval('#log li.out', (items) => items.map((li) => li.textContent)
    .find((t) => t.includes('"channel":"quotes"')));
  assert.match(subscribeFrame, /"tags_filter":\{"key":"sym","cmp":"eq","val":"BTC"\}/);
  await screenshot(bob, '5-tag-filter');
});

test('a page connected with an unknown key shows the refusal', async () => {
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${port}${pagePath}/?key=no-such-key&connect=1`);
  await page.waitForFunction(() => /4001/.test(document.querySelector('#log').textContent), null, WAIT);
  await screenshot(page, '6-unknown-key');
  await page.close();
});
