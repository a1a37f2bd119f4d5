// Rebuilds delta-compressed messages and counts what compression saved. A delta socket gets
// full messages with "__delta_seq" (and maybe "__conflation_key") added at the end of the
// frame, and "pusher:delta" frames whose delta applies to the previous full frame of the same
// channel, event and conflation key, with those added fields removed (docs/delta-compression.md).
import { applyDelta } from './vendor/fossil-delta.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function chainKey(channel, event, conflationKey) {
  return `${channel}\n${event}${conflationKey ? `:${conflationKey}` : ''}`;
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** The frame as it was before the server added its delta fields: the next delta's base. */
function withoutDeltaFields(text) {
  const at = text.lastIndexOf(',"__delta_seq":');
  return at < 0 ? text : `${text.slice(0, at)}}`;
}

export class DeltaDecoder {
  constructor() {
    this.bases = new Map();
    this.stats = { messages: 0, deltas: 0, received: 0, full: 0 };
  }

  /**
   * Looks at one frame as received. Returns the rebuilt frame ({channel, event, data}) when it
   * was a delta, null otherwise. Throws when a delta has no base (the caller asks the server to
   * start the chain again with pusher:delta_sync_error).
   */
  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return null;
    }
    if (frame.event === 'pusher:delta') {
      const d = frame.data;
      const key = chainKey(frame.channel, d.event, d.conflation_key);
      const base = this.bases.get(key);
      if (base === undefined) {
        const error = new Error(`delta for ${d.event} on ${frame.channel} without a base`);
        error.channel = frame.channel;
        throw error;
      }
      const target = decoder.decode(new Uint8Array(applyDelta(encoder.encode(base), fromBase64(d.delta))));
      this.bases.set(key, target);
      this.count(text, target, true);
      const full = JSON.parse(target);
      return { channel: full.channel, event: full.event, data: full.data };
    }
    if (typeof frame.__delta_seq === 'number') {
      const base = withoutDeltaFields(text);
      this.bases.set(chainKey(frame.channel, frame.event, frame.__conflation_key), base);
      this.count(text, base, false);
    }
    return null;
  }

  count(received, full, delta) {
    this.stats.messages += 1;
    this.stats.deltas += delta ? 1 : 0;
    this.stats.received += encoder.encode(received).length;
    this.stats.full += encoder.encode(full).length;
  }

  /** The share of bytes not sent, in percent, never below 0. */
  savedPercent() {
    const { received, full } = this.stats;
    return full === 0 ? 0 : Math.max(0, Math.round((1 - received / full) * 1000) / 10);
  }
}
