// End-to-end tests of the server with the stock Pusher JavaScript libraries: pusher-js as the
// client and the `pusher` SDK as the app's backend. NodeClientTest starts a server and runs this
// file with its port and app credentials in SOCKUDO_PORT, SOCKUDO_APP_ID, SOCKUDO_APP_KEY and
// SOCKUDO_APP_SECRET.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { env, within } from './harness.mjs';

const port = Number(env('SOCKUDO_PORT'));
const appId = env('SOCKUDO_APP_ID');
const key = env('SOCKUDO_APP_KEY');
const secret = env('SOCKUDO_APP_SECRET');

const backend = new PusherServer({ appId, key, secret, host: '127.0.0.1', port, useTLS: false });

const clients = [];

// Every client is disconnected at the end, or its timers would keep the test process alive.
after(() => {
  for (const c of clients) {
    c.disconnect();
  }
});

/** A pusher-js client of the server, signing private and presence channels with the SDK. */
function client(presenceUser) {
  const c = new Pusher(key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          callback(null, backend.authorizeChannel(socketId, channelName, presenceUser));
        } catch (e) {
          callback(e, null);
        }
      },
    },
  });
  clients.push(c);
  return c;
}

function connected(c) {
  return within(new Promise((resolve, reject) => {
    c.connection.bind('connected', resolve);
    c.connection.bind('failed', () => reject(new Error('connection failed')));
    c.connection.bind('unavailable', () => reject(new Error('server unavailable')));
  }), 'connection');
}

function subscribed(channel) {
  return within(new Promise((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', resolve);
    channel.bind('pusher:subscription_error', (e) => reject(new Error(`subscription error: ${JSON.stringify(e)}`)));
  }), `subscription to ${channel.name}`);
}

function next(channel, event) {
  return within(new Promise((resolve) => {
    const handler = (data, metadata) => {
      channel.unbind(event, handler);
      resolve({ data, metadata });
    };
    channel.bind(event, handler);
  }), `${event} on ${channel.name}`);
}

test('a pusher-js client subscribes to a public channel and receives an event triggered with the SDK', async () => {
  const c = client();
  await connected(c);
  assert.match(c.connection.socket_id, /^\d+\.\d+$/);
  const channel = c.subscribe('node-public');
  await subscribed(channel);
  const received = next(channel, 'greeting');
  await backend.trigger('node-public', 'greeting', { message: 'hello', weirdVariable: 'abc/d' });
  assert.deepEqual((await received).data, { message: 'hello', weirdVariable: 'abc/d' });
  c.disconnect();
});

test('a private channel is authorised with the SDK signature and receives events', async () => {
  const c = client();
  await connected(c);
  const channel = c.subscribe('private-node');
  await subscribed(channel);
  const received = next(channel, 'secret');
  await backend.trigger('private-node', 'secret', { k: 'v' });
  assert.deepEqual((await received).data, { k: 'v' });
  c.disconnect();
});

test('a presence channel lists its members and announces joins and leaves', async () => {
  const john = client({ user_id: '1', user_info: { name: 'John' } });
  await connected(john);
  const johnsChannel = john.subscribe('presence-node');
  const me = await subscribed(johnsChannel);
  assert.equal(me.count, 1);
  assert.equal(johnsChannel.members.me.id, '1');

  const added = next(johnsChannel, 'pusher:member_added');
  const alice = client({ user_id: '2', user_info: { name: 'Alice' } });
  await connected(alice);
  const alicesChannel = alice.subscribe('presence-node');
  const members = await subscribed(alicesChannel);
  assert.equal(members.count, 2);
  assert.deepEqual(members.get('1').info, { name: 'John' });
  const member = (await added).data;
  assert.equal(member.id, '2');
  assert.deepEqual(member.info, { name: 'Alice' });

  const removed = next(johnsChannel, 'pusher:member_removed');
  alice.disconnect();
  assert.equal((await removed).data.id, '2');
  assert.equal(johnsChannel.members.count, 1);
  john.disconnect();
});

test('client events travel between two pusher-js clients and not back to the sender', async () => {
  const alice = client();
  const bob = client();
  await Promise.all([connected(alice), connected(bob)]);
  const alicesChannel = alice.subscribe('private-node-chat');
  const bobsChannel = bob.subscribe('private-node-chat');
  await Promise.all([subscribed(alicesChannel), subscribed(bobsChannel)]);

  const aliceHears = [];
  alicesChannel.bind('client-greeting', (data) => aliceHears.push(data));
  const bobHears = next(bobsChannel, 'client-greeting');
  assert.equal(alicesChannel.trigger('client-greeting', { message: 'hi bob' }), true);
  assert.deepEqual((await bobHears).data, { message: 'hi bob' });

  const reply = next(alicesChannel, 'client-greeting');
  bobsChannel.trigger('client-greeting', { message: 'hi alice' });
  assert.deepEqual((await reply).data, { message: 'hi alice' });
  assert.deepEqual(aliceHears, [{ message: 'hi alice' }], 'alice never hears her own event');
  alice.disconnect();
  bob.disconnect();
});

test('trigger with info returns the subscription count of the channel', async () => {
  const a = client();
  const b = client();
  await Promise.all([connected(a), connected(b)]);
  await Promise.all([subscribed(a.subscribe('node-counted')), subscribed(b.subscribe('node-counted'))]);
  const response = await backend.trigger('node-counted', 'counted', {}, { info: 'subscription_count' });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { channels: { 'node-counted': { subscription_count: 2 } } });
  a.disconnect();
  b.disconnect();
});
