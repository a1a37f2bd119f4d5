// pusher-js and the `pusher` SDK over TLS: TlsTest starts a server with a self-signed
// certificate and runs this file with SOCKUDO_PORT and the app's credentials, and with
// NODE_EXTRA_CA_CERTS naming the certificate, so that Node trusts it as an operator's CA.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { env, within } from '../harness.mjs';

env('NODE_EXTRA_CA_CERTS');
const port = Number(env('SOCKUDO_PORT'));
const appId = env('SOCKUDO_APP_ID');
const key = env('SOCKUDO_APP_KEY');
const secret = env('SOCKUDO_APP_SECRET');

const backend = new PusherServer({ appId, key, secret, host: '127.0.0.1', port, useTLS: true });
const client = new Pusher(key, {
  cluster: 'mt1',
  wsHost: '127.0.0.1',
  wssPort: port,
  forceTLS: true,
  enabledTransports: ['ws'],
  disableStats: true,
});

after(() => client.disconnect());

test('pusher-js connects over wss and receives an event published by the SDK over https', async () => {
  await within(new Promise((resolve, reject) => {
    client.connection.bind('connected', resolve);
    client.connection.bind('error', (e) => reject(new Error(JSON.stringify(e))));
  }), 'connection over wss');
  const channel = client.subscribe('tls-node');
  await within(new Promise((resolve) => channel.bind('pusher:subscription_succeeded', resolve)), 'subscription');
  const received = within(new Promise((resolve) => channel.bind('greeting', resolve)), 'event');
  const response = await backend.trigger('tls-node', 'greeting', { via: 'https' });
  assert.equal(response.status, 200);
  assert.deepEqual(await received, { via: 'https' });
});
