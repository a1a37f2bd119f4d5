package io.sockudo.adapter.filter;

/**
 * Server-wide tag filtering settings ({@code tag_filtering.*}).
 *
 * @param enabled    whether subscribers may filter; when off, a subscription that asks for a
 *                   filter is refused (never silently left unfiltered)
 * @param enableTags whether frames show the publisher's {@code tags}; apps can override per channel
 */
public record TagFiltering(boolean enabled, boolean enableTags) {

    public static TagFiltering defaults() {
        return new TagFiltering(true, true);
    }
}
