package io.sockudo.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A server's certificate chain and private key, read from PEM files as sockudo takes them
 * ({@code ssl.cert_path}, {@code ssl.key_path}): the chain leaf first, the key as PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, with the passphrase),
 * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). Only the JDK is used.
 *
 * @param key   the private key
 * @param chain the certificates, leaf first
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----", Pattern.DOTALL);

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyMaterial read(Path certFile, Path keyFile, String passphrase) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile, passphrase);
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(keyFile + ": a " + key.getAlgorithm() + " key does not go with the "
                    + chain.get(0).getPublicKey().getAlgorithm() + " certificate in " + certFile);
        }
        return new KeyMaterial(key, chain);
    }

    static List<X509Certificate> certificates(Path file) {
        String text = text(file);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(file, m.group(2)))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a readable certificate: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM CERTIFICATE block");
        }
        return out;
    }

    static PrivateKey privateKey(Path file, String passphrase) {
        String text = text(file);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            if (body.contains("Proc-Type:")) {
                throw new IllegalArgumentException(file + ": a key encrypted in OpenSSL's traditional format is not read; "
                        + "convert it with: openssl pkcs8 -topk8 -in OLD -out NEW");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(file, decode(file, body));
                case "ENCRYPTED PRIVATE KEY":
                    return pkcs8(file, decrypt(file, decode(file, body), passphrase));
                case "RSA PRIVATE KEY":
                    return pkcs8(file, Der.pkcs8(Der.rsaAlgorithm(), decode(file, body)));
                case "EC PRIVATE KEY":
                    byte[] sec1 = decode(file, body);
                    return pkcs8(file, Der.pkcs8(algorithm(file, sec1), sec1));
                default:
                    // EC PARAMETERS and the like come before the key in some files
            }
        }
        throw new IllegalArgumentException(file + ": no PEM private key block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static byte[] algorithm(Path file, byte[] sec1) {
        try {
            return Der.ecAlgorithm(sec1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": not a readable RSA or EC private key");
    }

    /**
     * OpenSSL encrypts with PBES2 (PBKDF2 and AES by default); the JDK names such parameters
     * {@code PBEWithHmacSHA256AndAES_256}, which is what its factories take.
     */
    private static byte[] decrypt(Path file, byte[] der, String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException(file + ": the key is encrypted and ssl.passphrase is not set");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException(file + ": the key cannot be decrypted with ssl.passphrase");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": the encrypted key cannot be read: " + e.getMessage());
        }
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad base64 in a PEM block");
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
