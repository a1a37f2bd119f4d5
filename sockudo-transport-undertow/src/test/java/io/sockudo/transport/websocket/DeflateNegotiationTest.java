package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 §5 and §7.1: which offers are accepted, and what the answer says. */
class DeflateNegotiationTest {

    private static Optional<DeflateNegotiation.Agreement> negotiate(Compression c, String... lines) {
        return DeflateNegotiation.negotiate(List.of(lines), c);
    }

    private static DeflateNegotiation.Agreement agreed(Compression c, String... lines) {
        return negotiate(c, lines).orElseThrow(() -> new AssertionError("declined: " + List.of(lines)));
    }

    @Test
    void disabledCompressionDeclinesEveryOffer() {
        assertThat(negotiate(Compression.DISABLED, "permessage-deflate; client_max_window_bits")).isEmpty();
    }

    @Test
    void noOfferMeansNoCompression() {
        assertThat(DeflateNegotiation.negotiate(null, Compression.SHARED)).isEmpty();
        assertThat(negotiate(Compression.SHARED, "x-webkit-deflate-frame")).isEmpty();
    }

    @Test
    void aBareOfferIsAnsweredBare() {
        DeflateNegotiation.Agreement a = agreed(Compression.SHARED, "permessage-deflate");
        assertThat(a.response()).isEqualTo("permessage-deflate");
        assertThat(a.serverContextTakeover()).isFalse();
        assertThat(a.clientNoContextTakeover()).isFalse();
        assertThat(a.decoderWindowBits()).isEqualTo(15);
    }

    @Test
    void theBrowsersOfferIsAcceptedWithoutAnsweringClientMaxWindowBits() {
        assertThat(agreed(Compression.SHARED, "permessage-deflate; client_max_window_bits").response())
                .isEqualTo("permessage-deflate");
    }

    /** Every combination of the four parameters (client_max_window_bits with and without a value). */
    @Test
    void everyParameterCombinationIsAnsweredWithWhatWasOffered() {
        String[] clientBits = {null, "client_max_window_bits", "client_max_window_bits=10"};
        for (int mask = 0; mask < 8; mask++) {
            for (String cb : clientBits) {
                for (Compression c : List.of(Compression.SHARED, Compression.dedicated(4096))) {
                    StringBuilder offer = new StringBuilder("permessage-deflate");
                    boolean snct = (mask & 1) != 0;
                    boolean cnct = (mask & 2) != 0;
                    boolean bits = (mask & 4) != 0;
                    if (snct) {
                        offer.append("; server_no_context_takeover");
                    }
                    if (cnct) {
                        offer.append("; client_no_context_takeover");
                    }
                    if (bits) {
                        offer.append("; server_max_window_bits=9");
                    }
                    if (cb != null) {
                        offer.append("; ").append(cb);
                    }
                    DeflateNegotiation.Agreement a = agreed(c, offer.toString());
                    String r = a.response();
                    assertThat(r).startsWith("permessage-deflate");
                    assertThat(r.contains("server_no_context_takeover")).as(offer.toString()).isEqualTo(snct);
                    assertThat(r.contains("client_no_context_takeover")).as(offer.toString()).isEqualTo(cnct);
                    assertThat(r.contains("server_max_window_bits=9")).as(offer.toString()).isEqualTo(bits);
                    assertThat(r).doesNotContain("client_max_window_bits");
                    assertThat(a.clientNoContextTakeover()).isEqualTo(cnct);
                    assertThat(a.decoderWindowBits()).isEqualTo(bits ? 9 : 15);
                    boolean takeover = c.mode() == Compression.Mode.DEDICATED && !snct;
                    assertThat(a.serverContextTakeover()).as(offer.toString()).isEqualTo(takeover);
                    assertThat(a.windowBytes()).isEqualTo(takeover ? 4096 : 0);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=010",
        "permessage-deflate; client_max_window_bits=foo",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; unknown_parameter",
    })
    void anOfferWithABadParameterIsDeclined(String offer) {
        assertThat(negotiate(Compression.SHARED, offer)).isEmpty();
    }

    @Test
    void aDeclinedOfferFallsBackToTheNextOneOnTheSameOrAnotherLine() {
        assertThat(agreed(Compression.SHARED, "permessage-deflate; server_max_window_bits=20, permessage-deflate; client_no_context_takeover")
                .response()).isEqualTo("permessage-deflate; client_no_context_takeover");
        assertThat(agreed(Compression.SHARED, "permessage-deflate; bogus", "permessage-deflate; server_max_window_bits=12")
                .response()).isEqualTo("permessage-deflate; server_max_window_bits=12");
    }

    @Test
    void quotedValuesAndCaseAreAccepted() {
        DeflateNegotiation.Agreement a = agreed(Compression.SHARED, "Permessage-Deflate; Server_Max_Window_Bits=\"10\"");
        assertThat(a.decoderWindowBits()).isEqualTo(10);
    }

    @Test
    void sockudosValuesNameTheModes() {
        assertThat(Compression.fromSockudo("disabled")).contains(Compression.DISABLED);
        assertThat(Compression.fromSockudo("shared")).contains(Compression.SHARED);
        assertThat(Compression.fromSockudo("dedicated")).contains(Compression.dedicated(32768));
        assertThat(Compression.fromSockudo("window256b")).contains(Compression.dedicated(256));
        assertThat(Compression.fromSockudo("window512b")).contains(Compression.dedicated(512));
        assertThat(Compression.fromSockudo("window1kb")).contains(Compression.dedicated(1024));
        assertThat(Compression.fromSockudo("Window32KB")).contains(Compression.dedicated(32768));
        assertThat(Compression.fromSockudo("window64kb")).isEmpty();
        assertThat(Compression.fromSockudo("gzip")).isEmpty();
    }
}
