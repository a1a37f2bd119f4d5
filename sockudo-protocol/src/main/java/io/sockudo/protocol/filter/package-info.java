/**
 * Server-side tag filtering: the publisher's {@link io.sockudo.protocol.filter.Tags}, the
 * subscriber's compiled {@link io.sockudo.protocol.filter.TagFilter}, and the
 * {@link io.sockudo.protocol.filter.IndexKeys} an inverted index can use to find candidate
 * subscribers without evaluating every filter.
 *
 * <p>A filter is parsed and validated once, at subscribe time; anything malformed is refused
 * with a {@link io.sockudo.protocol.filter.FilterException} rather than quietly turned into an
 * unfiltered subscription. Evaluation then allocates nothing, because it runs for every message
 * and every candidate subscriber.
 *
 * <pre>{@code
 * TagFilter filter = TagFilter.parse("""
 *     {"op":"or","nodes":[{"key":"sym","cmp":"eq","val":"BTC"},
 *                         {"key":"px","cmp":"gte","val":100}]}""");
 * Tags tags = Tags.of(Map.of("sym", "ETH", "px", "150.5"));
 * filter.matches("price", tags);   // true: px >= 100
 * filter.indexKeys();              // not indexable: the "px" branch can match without an eq pair
 * }</pre>
 */
package io.sockudo.protocol.filter;
