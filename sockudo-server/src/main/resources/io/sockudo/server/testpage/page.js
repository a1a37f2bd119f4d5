// The test page: pusher-js against this server, with the server signing what an app's backend
// would sign (POST ./auth for channels, POST ./sign-event for HTTP API requests).
import { DeltaDecoder } from './delta.js';

const $ = (id) => document.getElementById(id);
const base = location.pathname.replace(/\/[^/]*$/, '');
// what stands before the page's own path in its URL stands before /app and /apps too
const pagePath = document.querySelector('meta[name="sockudo-test-page-path"]').content;
const prefix = base.endsWith(pagePath) ? base.slice(0, base.length - pagePath.length) : '';
const params = new URLSearchParams(location.search);
const MAX_LOG = 500;

let pusher = null;
let delta = new DeltaDecoder();
const sharedSecrets = new Map();
const filters = new Map();

function randomUser() {
  return `user-${Math.random().toString(36).slice(2, 8)}`;
}

$('app-key').value = params.get('key') ?? '';
$('user-id').value = params.get('user_id') ?? randomUser();
$('user-name').value = params.get('user_name') ?? $('user-id').value;

function append(list, className, text) {
  const li = document.createElement('li');
  li.className = className;
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
  list.prepend(li);
  while (list.children.length > MAX_LOG) {
    list.lastChild.remove();
  }
  return li;
}

function log(kind, text) {
  append($('log'), kind, `${{ in: '←', out: '→', error: '✖', info: '•' }[kind]} ${text}`);
}

function showEvent(channel, event, data, how) {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const li = append($('events'), 'event', `${channel} ${event} ${text}${how ? ` (${how})` : ''}`);
  li.dataset.channel = channel;
  li.dataset.event = event;
}

function showDeltaStats() {
  const s = delta.stats;
  $('delta-messages').textContent = s.messages;
  $('delta-deltas').textContent = s.deltas;
  $('delta-received').textContent = s.received;
  $('delta-full').textContent = s.full;
  $('delta-saved').textContent = `${delta.savedPercent()}%`;
}

// Every frame passes here first: the log shows the wire, and delta frames are rebuilt before
// pusher-js (which does not know them) hands them on as "pusher:delta" events.
class TappedWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener('message', (e) => {
      log('in', e.data);
      try {
        const rebuilt = delta.receive(e.data);
        if (rebuilt) {
          showEvent(rebuilt.channel, rebuilt.event, rebuilt.data, 'delta');
        }
      } catch (error) {
        log('error', error.message);
        pusher?.send_event('pusher:delta_sync_error', { channel: error.channel });
      }
      showDeltaStats();
    });
  }

  send(data) {
    log('out', data);
    super.send(data);
  }
}
window.WebSocket = TappedWebSocket;

async function postForm(path, fields) {
  const response = await fetch(`${base}/${path}`, { method: 'POST', body: new URLSearchParams(fields) });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.error ?? `${path}: HTTP ${response.status}`);
  }
  return json;
}

function setState(state) {
  $('state').textContent = state;
  $('state').dataset.state = state;
}

function connect() {
  disconnect();
  const key = $('app-key').value.trim();
  const tls = location.protocol === 'https:';
  const port = Number(location.port || (tls ? 443 : 80));
  delta = new DeltaDecoder();
  showDeltaStats();
  $('delta-state').textContent = 'off';
  pusher = new Pusher(key, {
    cluster: 'mt1',
    wsHost: location.hostname,
    wsPort: port,
    wssPort: port,
    wsPath: prefix,
    forceTLS: tls,
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        postForm('auth', {
          socket_id: socketId,
          channel_name: channelName,
          app_key: key,
          user_id: $('user-id').value,
          user_name: $('user-name').value,
        }).then((auth) => {
          if (auth.shared_secret) {
            sharedSecrets.set(channelName, auth.shared_secret);
          }
          callback(null, auth);
        }, (error) => {
          log('error', `authorization of ${channelName}: ${error.message}`);
          callback(error, null);
        });
      },
    },
  });
  // a tag filter travels in pusher:subscribe, which pusher-js builds without one
  const send = pusher.send_event.bind(pusher);
  pusher.send_event = (name, data, channel) => {
    const filter = name === 'pusher:subscribe' ? filters.get(data.channel) : undefined;
    return send(name, filter ? { ...data, tags_filter: filter } : data, channel);
  };
  pusher.connection.bind('state_change', ({ current }) => {
    setState(current);
    $('socket-id').textContent = current === 'connected' ? `socket ${pusher.connection.socket_id}` : '';
  });
  pusher.connection.bind('error', (error) => log('error', JSON.stringify(error?.data ?? error?.error ?? error)));
  pusher.bind('pusher:delta_compression_enabled', (data) => {
    $('delta-state').textContent = data.enabled ? `on (${data.algorithm})` : 'refused';
  });
  log('info', `connecting with key ${key}`);
}

function disconnect() {
  if (pusher) {
    pusher.disconnect();
    pusher = null;
    $('channels').replaceChildren();
    $('members').replaceChildren();
    sharedSecrets.clear();
  }
}

function channelItem(name) {
  return $('channels').querySelector(`li[data-channel="${CSS.escape(name)}"]`);
}

function renderMembers() {
  const items = [];
  for (const channel of pusher?.allChannels() ?? []) {
    if (!channel.name.startsWith('presence-') || !channel.subscribed) {
      continue;
    }
    channel.members.each((member) => {
      const li = document.createElement('li');
      li.dataset.channel = channel.name;
      li.dataset.userId = member.id;
      li.textContent = `${member.info?.name ?? member.id} (${member.id}) on ${channel.name}${member.id === channel.members.myID ? ' — me' : ''}`;
      items.push(li);
    });
  }
  $('members').replaceChildren(...items);
}

function subscribe(name, filterText) {
  if (!pusher) {
    log('error', 'connect first');
    return;
  }
  if (channelItem(name)) {
    log('error', `already subscribed to ${name}`);
    return;
  }
  if (filterText) {
    filters.set(name, JSON.parse(filterText));
  } else {
    filters.delete(name);
  }
  const li = document.createElement('li');
  li.dataset.channel = name;
  li.dataset.state = 'subscribing';
  const label = document.createElement('span');
  label.textContent = `${name} — subscribing`;
  const leave = document.createElement('button');
  leave.type = 'button';
  leave.textContent = 'Unsubscribe';
  leave.addEventListener('click', () => {
    pusher?.unsubscribe(name);
    li.remove();
    renderMembers();
  });
  li.append(label, ' ', leave);
  $('channels').append(li);

  const channel = pusher.subscribe(name);
  channel.bind('pusher:subscription_succeeded', () => {
    li.dataset.state = 'subscribed';
    label.textContent = `${name} — subscribed`;
    renderMembers();
  });
  channel.bind('pusher:subscription_error', (error) => {
    li.dataset.state = 'error';
    label.textContent = `${name} — refused (${error?.status ?? ''} ${error?.error ?? ''})`;
  });
  channel.bind('pusher:member_added', renderMembers);
  channel.bind('pusher:member_removed', renderMembers);
  channel.bind_global((event, data) => {
    if (!event.startsWith('pusher:') && !event.startsWith('pusher_internal:')) {
      showEvent(name, event, data);
    }
  });
}

function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

/** What pusher-js decrypts on a private-encrypted channel: {nonce, ciphertext}, both base64. */
function encrypt(channel, text) {
  const secret = sharedSecrets.get(channel);
  if (!secret) {
    throw new Error(`subscribe to ${channel} first: its key comes with its authorization`);
  }
  const key = Uint8Array.from(atob(secret), (c) => c.charCodeAt(0));
  const nonce = nacl.randomBytes(24);
  const ciphertext = nacl.secretbox(new TextEncoder().encode(text), nonce, key);
  return JSON.stringify({ nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) });
}

async function trigger() {
  $('trigger-result').textContent = 'publishing…';
  const key = $('app-key').value.trim();
  const channel = $('trigger-channel').value.trim();
  const data = $('trigger-data').value;
  const tags = $('trigger-tags').value.trim();
  const event = {
    name: $('trigger-event').value.trim(),
    channel,
    data: channel.startsWith('private-encrypted-') ? encrypt(channel, data) : data,
  };
  if (tags) {
    event.tags = JSON.parse(tags);
  }
  const body = JSON.stringify(event);
  const signed = await postForm('sign-event', { app_key: key, body });
  const response = await fetch(`${prefix}${signed.path}?${signed.query}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
  });
  const answer = `${response.status} ${await response.text()}`;
  $('trigger-result').textContent = answer;
  log(response.ok ? 'info' : 'error', `POST ${prefix}${signed.path}: ${answer}`);
}

function sendClientEvent() {
  const name = $('client-channel').value.trim();
  const channel = pusher?.channel(name);
  if (!channel?.subscribed) {
    log('error', `subscribe to ${name} first`);
    return;
  }
  const sent = channel.trigger($('client-event').value.trim(), JSON.parse($('client-data').value));
  log(sent ? 'info' : 'error', sent ? `client event sent on ${name}` : 'client event not sent (not connected?)');
}

function guard(action) {
  return (e) => {
    e.preventDefault();
    Promise.resolve().then(action).catch((error) => log('error', error.message));
  };
}

$('connect-form').addEventListener('submit', guard(connect));
$('disconnect').addEventListener('click', guard(() => {
  disconnect();
  setState('disconnected');
}));
$('subscribe-form').addEventListener('submit', guard(() => subscribe($('channel-name').value.trim(), $('tags-filter').value.trim())));
$('trigger-form').addEventListener('submit', guard(trigger));
$('client-event-form').addEventListener('submit', guard(sendClientEvent));
$('enable-delta').addEventListener('click', guard(() => {
  if (!pusher) {
    throw new Error('connect first');
  }
  pusher.send_event('pusher:enable_delta_compression', { algorithms: ['fossil'] });
}));
$('clear-log').addEventListener('click', () => $('log').replaceChildren());

if (params.get('connect') === '1' && $('app-key').value) {
  connect();
}
