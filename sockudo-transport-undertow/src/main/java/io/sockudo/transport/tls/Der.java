package io.sockudo.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to re-wrap the two traditional OpenSSL key formats (PKCS#1 RSA and SEC1 EC) as
 * PKCS#8, which is what the JDK's key factories read.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed: the parameters of a SEC1 key. */
    static final int CONTEXT_0 = 0xA0;

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {
    }

    /** One element: its tag, and where its content starts and ends in {@code data}. */
    record Element(int tag, int start, int end, byte[] data) {
        byte[] content() {
            return Arrays.copyOfRange(data, start, end);
        }

        /** The whole encoding, tag and length included. */
        byte[] encoded(int headerStart) {
            return Arrays.copyOfRange(data, headerStart, end);
        }
    }

    /** Reads the element at {@code offset}; throws on a truncated or oversized length. */
    static Element read(byte[] data, int offset) {
        if (offset + 2 > data.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = data[offset] & 0xff;
        int len = data[offset + 1] & 0xff;
        int pos = offset + 2;
        if (len >= 0x80) {
            int bytes = len & 0x7f;
            if (bytes == 0 || bytes > 3 || pos + bytes > data.length) {
                throw new IllegalArgumentException("bad DER length");
            }
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (data[pos++] & 0xff);
            }
        }
        if (pos + len > data.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new Element(tag, pos, pos + len, data);
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int len = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** A PKCS#8 PrivateKeyInfo around a traditional key: version 0, the algorithm, the key as an octet string. */
    static byte[] pkcs8(byte[] algorithmIdentifier, byte[] traditionalKey) {
        return tlv(SEQUENCE, tlv(INTEGER, new byte[] {0}), algorithmIdentifier, tlv(OCTET_STRING, traditionalKey));
    }

    static byte[] rsaAlgorithm() {
        return tlv(SEQUENCE, tlv(OID, RSA_OID), tlv(NULL));
    }

    /**
     * The algorithm of a SEC1 {@code ECPrivateKey}: its curve is in the optional {@code [0]}
     * element after the version and the key octets.
     */
    static byte[] ecAlgorithm(byte[] sec1) {
        Element seq = read(sec1, 0);
        if (seq.tag() != SEQUENCE) {
            throw new IllegalArgumentException("not an EC private key");
        }
        int pos = seq.start();
        while (pos < seq.end()) {
            Element e = read(sec1, pos);
            if (e.tag() == CONTEXT_0) {
                Element curve = read(sec1, e.start());
                if (curve.tag() != OID) {
                    throw new IllegalArgumentException("EC key parameters are not a named curve");
                }
                return tlv(SEQUENCE, tlv(OID, EC_OID), curve.encoded(e.start()));
            }
            pos = e.end();
        }
        throw new IllegalArgumentException("EC key does not name its curve");
    }
}
