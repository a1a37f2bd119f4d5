package io.sockudo.adapter.app;

/**
 * An app's delta compression setting for channels matching a name or pattern
 * ({@code channel_delta_compression}).
 *
 * @param enabled        false disables delta compression on matching channels
 * @param algorithm      {@code fossil} or {@code xdelta3}; null inherits the server default
 * @param conflationKey  dotted path into the event data whose value keys delta chains; null inherits
 * @param enableTags     whether frames carry the publisher's {@code tags}; null inherits
 */
public record ChannelDeltaSetting(boolean enabled, String algorithm, String conflationKey, Boolean enableTags) {

    public static final ChannelDeltaSetting INHERIT = new ChannelDeltaSetting(true, null, null, null);
    public static final ChannelDeltaSetting DISABLED = new ChannelDeltaSetting(false, null, null, null);
}
