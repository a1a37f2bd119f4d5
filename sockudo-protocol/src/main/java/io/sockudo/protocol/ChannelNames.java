package io.sockudo.protocol;

/**
 * Channel name rules: Pusher's character set {@code [A-Za-z0-9_\-=@,.;]}, a length limit (200 by
 * default, per-app configurable), and {@code #} only as the start of {@code #server-to-user-<id>}.
 */
public final class ChannelNames {

    /** Pusher's limit on channel name length. */
    public static final int DEFAULT_MAX_LENGTH = 200;

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c : "_-=@,.;".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private ChannelNames() {
    }

    /**
     * Checks a channel name.
     *
     * @return {@code null} when the name is valid, otherwise the reason, fit to send to a client
     */
    public static String validate(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return "Channel name is required";
        }
        if (name.length() > maxLength) {
            return "Channel name is too long: " + name.length() + " characters, the limit is " + maxLength;
        }
        if (name.charAt(0) == '#') {
            return validateServerToUser(name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 128 || !ALLOWED[c]) {
                return "Invalid channel name " + name + ": it may only contain letters, digits and _ - = @ , . ;";
            }
        }
        return null;
    }

    /**
     * User ids are the app's own strings (often with {@code |} or {@code :}, as identity providers
     * issue them), so the part after the prefix is only required to be printable.
     */
    private static String validateServerToUser(String name) {
        int prefix = ChannelKind.SERVER_TO_USER_PREFIX.length();
        if (!name.startsWith(ChannelKind.SERVER_TO_USER_PREFIX) || name.length() == prefix) {
            return "Invalid channel name " + name + ": '#' is only allowed in #server-to-user-<user id>";
        }
        for (int i = prefix; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "Invalid channel name: control characters are not allowed";
            }
        }
        return null;
    }

    /** The user id a {@code #server-to-user-<id>} channel addresses. */
    public static String serverToUserId(String name) {
        return name.substring(ChannelKind.SERVER_TO_USER_PREFIX.length());
    }
}
