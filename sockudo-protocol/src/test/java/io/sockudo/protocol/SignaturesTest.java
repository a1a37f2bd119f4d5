package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors from Pusher's documentation (key 278d425bdf160c739803, secret 7ad3773142a6692b25b8), cross-checked with openssl. */
class SignaturesTest {

    private static final String KEY = "278d425bdf160c739803";
    private static final String SECRET = "7ad3773142a6692b25b8";

    @Test
    void privateChannelSignatureMatchesPushersWorkedExample() {
        assertThat(ChannelAuth.signChannel(KEY, SECRET, "1234.1234", "private-foobar", null))
                .isEqualTo(KEY + ":58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4");
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1234.1234", "private-foobar", null,
                KEY + ":58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4")).isNull();
    }

    @Test
    void presenceSignatureCoversChannelData() {
        String data = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}";
        String auth = KEY + ":31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80";
        assertThat(ChannelAuth.signChannel(KEY, SECRET, "1234.1234", "presence-foobar", data)).isEqualTo(auth);
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1234.1234", "presence-foobar", data.replace("10", "11"), auth))
                .startsWith("Invalid signature: Expected HMAC SHA256 hex digest of 1234.1234:presence-foobar:{\"user_id\":11");
    }

    @Test
    void userSigninSignatureUsesTheUserSeparator() {
        assertThat(ChannelAuth.signUser(KEY, SECRET, "1234.1234", "{\"id\":\"12345\"}"))
                .isEqualTo(KEY + ":4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba");
    }

    @Test
    void aSignatureForAnotherSocketOrChannelIsRefused() {
        String auth = ChannelAuth.signChannel(KEY, SECRET, "1.1", "private-a", null);
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1.2", "private-a", null, auth)).startsWith("Invalid signature");
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1.1", "private-b", null, auth)).startsWith("Invalid signature");
    }

    @Test
    void aSignatureWithAnotherKeyIsRefused() {
        String auth = ChannelAuth.signChannel("other", SECRET, "1.1", "private-a", null);
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1.1", "private-a", null, auth)).startsWith("Invalid key in subscription auth data");
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1.1", "private-a", null, null)).startsWith("Authentication signature required");
        assertThat(ChannelAuth.verifyChannel(KEY, SECRET, "1.1", "private-a", null, "nocolon")).startsWith("Invalid key");
    }

    private static final byte[] BODY = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}".getBytes(StandardCharsets.UTF_8);

    private static List<ApiSignature.Param> docParams(String signature) {
        List<ApiSignature.Param> p = new ArrayList<>();
        p.add(new ApiSignature.Param("auth_version", "1.0"));
        p.add(new ApiSignature.Param("body_md5", "ec365a775a4cd0599faeb73354201b6f"));
        p.add(new ApiSignature.Param("auth_signature", signature));
        p.add(new ApiSignature.Param("auth_key", KEY));
        p.add(new ApiSignature.Param("auth_timestamp", "1353088179"));
        return p;
    }

    @Test
    void httpApiSignatureMatchesPushersWorkedExample() {
        assertThat(Signatures.md5Hex(BODY)).isEqualTo("ec365a775a4cd0599faeb73354201b6f");
        List<ApiSignature.Param> params = docParams("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
        assertThat(ApiSignature.stringToSign("POST", "/apps/3/events", params)).isEqualTo(
                "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", params, BODY, SECRET, 1353088179L + 5)).isNull();
    }

    @Test
    void httpApiRefusesAWrongSignatureBodyOrStaleTimestamp() {
        List<ApiSignature.Param> good = docParams("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", docParams("00"), BODY, SECRET, 1353088179L)).startsWith("Invalid signature");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", good, "{}".getBytes(StandardCharsets.UTF_8), SECRET, 1353088179L))
                .startsWith("Invalid body_md5");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", good, BODY, SECRET, 1353088179L + 601)).startsWith("Timestamp expired");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", good, BODY, SECRET, 1353088179L - 601)).startsWith("Timestamp expired");
        assertThat(ApiSignature.verify("POST", "/apps/4/events", good, BODY, SECRET, 1353088179L)).startsWith("Invalid signature");
        assertThat(ApiSignature.verify("POST", "/apps/3/events", good, BODY, "other", 1353088179L)).startsWith("Invalid signature");
    }

    @Test
    void aBodyWithoutBodyMd5IsRefused() {
        List<ApiSignature.Param> params = new ArrayList<>(docParams("x"));
        params.removeIf(p -> p.name().equals("body_md5"));
        assertThat(ApiSignature.verify("POST", "/apps/3/events", params, BODY, SECRET, 1353088179L)).isEqualTo("Missing body_md5");
    }

    @Test
    void theQueryIsVerifiedWithoutTheBodyAndTheBodyAfterwards() {
        List<ApiSignature.Param> good = docParams("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
        assertThat(ApiSignature.verifyQuery("POST", "/apps/3/events", good, true, SECRET, 1353088179L)).isNull();
        assertThat(ApiSignature.verifyBody(good, BODY)).isNull();
        assertThat(ApiSignature.verifyBody(good, "{}".getBytes(StandardCharsets.UTF_8))).startsWith("Invalid body_md5");
        List<ApiSignature.Param> unhashed = new ArrayList<>(good);
        unhashed.removeIf(p -> p.name().equals("body_md5"));
        assertThat(ApiSignature.verifyQuery("POST", "/apps/3/events", unhashed, true, SECRET, 1353088179L)).isEqualTo("Missing body_md5");
        assertThat(ApiSignature.verifyQuery("POST", "/apps/3/events", good, true, SECRET, 1353088179L + 601)).startsWith("Timestamp expired");
    }

    @Test
    void signedQueryVerifies() {
        String q = ApiSignature.signedQuery("GET", "/apps/1/channels", java.util.Map.of("filter_by_prefix", "presence-", "info", "user_count"),
                new byte[0], KEY, SECRET, 1000);
        List<ApiSignature.Param> params = new ArrayList<>();
        for (String kv : q.split("&")) {
            String[] p = kv.split("=", 2);
            params.add(new ApiSignature.Param(java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        }
        assertThat(ApiSignature.verify("GET", "/apps/1/channels", params, new byte[0], SECRET, 1000)).isNull();
    }

    @Test
    void constantTimeEqualsHandlesNulls() {
        assertThat(Signatures.constantTimeEquals("a", null)).isFalse();
        assertThat(Signatures.constantTimeEquals("a", "a")).isTrue();
        assertThat(Signatures.constantTimeEquals("a", "ab")).isFalse();
    }
}
