// Three nodes behave as one cluster: run by scripts/cluster-test.sh, which starts Redis and the
// nodes with docker/sockudo.env's settings and passes their ports in SOCKUDO_NODE_PORTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { env, within } from '../harness.mjs';

const ports = env('SOCKUDO_NODE_PORTS').split(',').map(Number);
const appId = env('SOCKUDO_APP_ID');
const key = env('SOCKUDO_APP_KEY');
const secret = env('SOCKUDO_APP_SECRET');
const api = ports.map((port) => new PusherServer({ appId, key, secret, host: '127.0.0.1', port, useTLS: false }));
const clients = [];

function clientOf(node, user) {
  const backend = api[node];
  const c = new Pusher(key, {
    cluster: 'mt1', wsHost: '127.0.0.1', wsPort: ports[node], forceTLS: false, enabledTransports: ['ws'], disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, cb) => cb(null, backend.authorizeChannel(socketId, channelName, user)),
    },
  });
  clients.push(c);
  return c;
}

function subscribed(client, name) {
  const channel = client.subscribe(name);
  return within(new Promise((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve(channel))), `subscription to ${name}`);
}

before(async () => {
  const deadline = Date.now() + 60000;
  for (const port of ports) {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/up`)).ok) {
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`node on port ${port} did not come up`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});

after(() => clients.forEach((c) => c.disconnect()));

test('an event published on one node reaches subscribers on every node', async () => {
  const channels = await Promise.all([1, 2].map((n) => subscribed(clientOf(n), 'news')));
  const received = channels.map((ch) => within(new Promise((r) => ch.bind('headline', r)), 'headline'));
  await api[0].trigger('news', 'headline', { text: 'across the cluster' });
  for (const data of await Promise.all(received)) {
    assert.deepEqual(data, { text: 'across the cluster' });
  }
});

test('presence members on different nodes see each other, and any node lists them all', async () => {
  const alice = await subscribed(clientOf(0, { user_id: 'alice' }), 'presence-lobby');
  const added = within(new Promise((r) => alice.bind('pusher:member_added', r)), 'member_added');
  const bob = await subscribed(clientOf(1, { user_id: 'bob' }), 'presence-lobby');
  assert.equal((await added).id, 'bob');
  // alice's join travels to bob's node over the backbone; if bob subscribed before it arrived,
  // it comes to him as member_added instead of in his first member list
  if (!bob.members.members.alice) {
    await within(new Promise((r) => bob.bind('pusher:member_added', (m) => m.id === 'alice' && r())), 'alice reaching bob');
  }
  assert.deepEqual(Object.keys(bob.members.members).sort(), ['alice', 'bob']);
  const users = await (await api[2].get({ path: '/channels/presence-lobby/users' })).json();
  assert.deepEqual(users.users.map((u) => u.id).sort(), ['alice', 'bob']);
});

test('occupancy counts subscribers of every node', async () => {
  await Promise.all([0, 1, 2].map((n) => subscribed(clientOf(n), 'counted')));
  const info = await (await api[0].get({ path: '/channels/counted', params: { info: 'subscription_count' } })).json();
  assert.equal(info.subscription_count, 3);
});

test('a client event sent on one node reaches a member on another', async () => {
  const sender = await subscribed(clientOf(0), 'private-chat');
  const receiver = await subscribed(clientOf(2), 'private-chat');
  const got = within(new Promise((r) => receiver.bind('client-typing', r)), 'client event');
  sender.trigger('client-typing', { typing: true });
  assert.deepEqual(await got, { typing: true });
});
