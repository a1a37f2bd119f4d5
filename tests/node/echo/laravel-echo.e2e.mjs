// Laravel Echo (npm laravel-echo with pusher-js) against the server, configured with the `pusher`
// broadcaster settings Laravel documents for self-hosted Pusher-compatible servers (soketi,
// Reverb): key, cluster, wsHost, wsPort/wssPort, forceTLS false, enabledTransports ws/wss. The
// app's backend is played by a small HTTP server answering /broadcasting/auth as Laravel's
// PusherBroadcaster does (the `pusher` SDK signs), and by the SDK publishing events as Laravel's
// broadcast() does. LaravelEchoTest starts the server and runs this file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { env, within } from '../harness.mjs';

const port = Number(env('SOCKUDO_PORT'));
const appId = env('SOCKUDO_APP_ID');
const key = env('SOCKUDO_APP_KEY');
const secret = env('SOCKUDO_APP_SECRET');

const backend = new PusherServer({ appId, key, secret, host: '127.0.0.1', port, useTLS: false });
const users = { alice: { id: 1, name: 'Alice' }, bob: { id: 2, name: 'Bob' } };

// Laravel's /broadcasting/auth: the user comes from the request (here a bearer token naming
// them), channel routes decide (here: everyone may), the broadcaster signs.
const authServer = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const form = new URLSearchParams(body);
    const user = users[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
    const channel = form.get('channel_name');
    if (!user || !channel) {
      res.writeHead(403).end();
      return;
    }
    const answer = channel.startsWith('presence-')
      ? backend.authorizeChannel(form.get('socket_id'), channel, { user_id: user.id, user_info: { name: user.name } })
      : backend.authorizeChannel(form.get('socket_id'), channel);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  });
});
await new Promise((resolve) => authServer.listen(0, '127.0.0.1', resolve));
const authEndpoint = `http://127.0.0.1:${authServer.address().port}/broadcasting/auth`;

const echoes = [];
after(() => {
  for (const echo of echoes) {
    echo.disconnect();
  }
  authServer.close();
});

/** An Echo client as resources/js/echo.js configures it, signed in as `user`. */
function echoFor(user) {
  const echo = new Echo({
    broadcaster: 'pusher',
    Pusher,
    key,
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: port,
    wssPort: port,
    forceTLS: false,
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    authEndpoint,
    auth: { headers: { Authorization: `Bearer ${user}` } },
  });
  echoes.push(echo);
  return echo;
}

function subscribed(channel, what) {
  return within(new Promise((resolve, reject) => {
    channel.subscribed(resolve);
    channel.error((e) => reject(new Error(`${what}: ${JSON.stringify(e)}`)));
  }), `subscription to ${what}`);
}

/** Resolves with the next value `register` hands its callback. */
function next(register, what) {
  return within(new Promise((resolve) => register(resolve)), what);
}

test('a public channel receives a namespaced event broadcast by the backend', async () => {
  const echo = echoFor('alice');
  const orders = echo.channel('orders');
  await subscribed(orders, 'orders');
  const shipped = next((cb) => orders.listen('OrderShipped', cb), 'OrderShipped');
  await backend.trigger('orders', 'App\\Events\\OrderShipped', { order: { id: 42 } });
  assert.deepEqual(await shipped, { order: { id: 42 } });
  echo.leave('orders');
});

test('a private channel is authorized by /broadcasting/auth and receives a broadcastAs event', async () => {
  const echo = echoFor('alice');
  const channel = echo.private('orders.42');
  await subscribed(channel, 'private-orders.42');
  const updated = next((cb) => channel.listen('.status.updated', cb), '.status.updated');
  await backend.trigger('private-orders.42', 'status.updated', { status: 'shipped' });
  assert.deepEqual(await updated, { status: 'shipped' });
});

test('an unauthenticated user cannot join a private channel', async () => {
  const echo = echoFor('mallory');
  const channel = echo.private('orders.42');
  const error = await next((cb) => channel.error(cb), 'subscription error');
  assert.equal(error.status, 403);
});

test('whispers reach the other members of a private channel, not the sender', async () => {
  const alice = echoFor('alice');
  const bob = echoFor('bob');
  const aliceChat = alice.private('chat.1');
  const bobChat = bob.private('chat.1');
  await Promise.all([subscribed(aliceChat, 'alice chat.1'), subscribed(bobChat, 'bob chat.1')]);
  const aliceHeard = [];
  aliceChat.listenForWhisper('typing', (e) => aliceHeard.push(e));
  const bobHears = next((cb) => bobChat.listenForWhisper('typing', cb), 'typing whisper');
  aliceChat.whisper('typing', { name: 'Alice' });
  assert.deepEqual(await bobHears, { name: 'Alice' });
  // a sentinel from the backend, published after the whisper, reaches alice: had her own whisper
  // come back to her, it would have been delivered first
  const sentinel = next((cb) => aliceChat.listen('.sentinel', cb), 'sentinel');
  await backend.trigger('private-chat.1', 'sentinel', {});
  await sentinel;
  assert.deepEqual(aliceHeard, []);
});

test('a presence channel calls here, joining and leaving with the users the backend signed', async () => {
  const alice = echoFor('alice');
  const aliceRoom = alice.join('room.1');
  const aliceHere = await next((cb) => aliceRoom.here(cb), 'here for alice');
  assert.deepEqual(aliceHere, [{ name: 'Alice' }]);
  const joining = next((cb) => aliceRoom.joining(cb), 'joining');

  const bob = echoFor('bob');
  const bobRoom = bob.join('room.1');
  const bobHere = await next((cb) => bobRoom.here(cb), 'here for bob');
  assert.deepEqual(bobHere.map((u) => u.name).sort(), ['Alice', 'Bob']);
  assert.deepEqual(await joining, { name: 'Bob' });

  // whispers on presence channels too
  const aliceHears = next((cb) => aliceRoom.listenForWhisper('wave', cb), 'wave whisper');
  bobRoom.whisper('wave', { from: 'Bob' });
  assert.deepEqual(await aliceHears, { from: 'Bob' });

  const leaving = next((cb) => aliceRoom.leaving(cb), 'leaving');
  bob.leave('room.1');
  assert.deepEqual(await leaving, { name: 'Bob' });
});

test('toOthers: an event broadcast with the socket id of its sender skips that connection', async () => {
  const alice = echoFor('alice');
  const bob = echoFor('bob');
  const aliceFeed = alice.private('feed');
  const bobFeed = bob.private('feed');
  await Promise.all([subscribed(aliceFeed, 'alice feed'), subscribed(bobFeed, 'bob feed')]);
  const aliceGot = [];
  aliceFeed.listen('.posted', (e) => aliceGot.push(e));
  const bobGets = next((cb) => bobFeed.listen('.posted', cb), 'posted for bob');
  // Laravel sends X-Socket-ID from Echo.socketId(); broadcast()->toOthers() passes it on
  await backend.trigger('private-feed', 'posted', { id: 1 }, { socket_id: alice.socketId() });
  assert.deepEqual(await bobGets, { id: 1 });
  const sentinel = next((cb) => aliceFeed.listen('.sentinel', cb), 'sentinel');
  await backend.trigger('private-feed', 'sentinel', {});
  await sentinel;
  assert.deepEqual(aliceGot, []);
});
