package io.sockudo.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The server's TLS: one {@link SSLContext} for the life of the listener, whose certificate and key
 * are re-read from their files by {@link #reload()} (on SIGHUP) or {@link #reloadIfChanged()}
 * (polled). A reload that fails keeps the certificate in use and says why.
 */
public final class ServerTls {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final Path certFile;
    private final Path keyFile;
    private final String passphrase;
    private final SwappableKeyManager keys;
    private final SSLContext context;
    private volatile List<FileTime> stamps;

    /**
     * @throws IllegalArgumentException when the files are missing or hold no usable certificate or key
     */
    public ServerTls(Path certFile, Path keyFile, String passphrase) {
        this.certFile = Objects.requireNonNull(certFile, "certFile");
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.passphrase = passphrase;
        this.stamps = stamps();
        this.keys = new SwappableKeyManager(KeyMaterial.read(certFile, keyFile, passphrase));
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /** The certificate handshakes present now, leaf first. */
    public KeyMaterial current() {
        return keys.current();
    }

    /**
     * Reads the files again and serves what they hold from the next handshake on.
     *
     * @return whether the new certificate is in use; when false, the old one still is
     */
    public boolean reload() {
        List<FileTime> seen = stamps();
        try {
            KeyMaterial next = KeyMaterial.read(certFile, keyFile, passphrase);
            keys.swap(next);
            forgetSessions();
            stamps = seen;
            LOG.log(System.Logger.Level.INFO, "TLS certificate reloaded from " + certFile + ": "
                    + next.chain().get(0).getSubjectX500Principal().getName() + ", valid until "
                    + next.chain().get(0).getNotAfter().toInstant());
            return true;
        } catch (IllegalArgumentException e) {
            // half-written files during a renewal land here; the next change is tried again
            stamps = seen;
            LOG.log(System.Logger.Level.WARNING, "TLS certificate not reloaded, the current one stays: " + e.getMessage());
            return false;
        }
    }

    /**
     * A resumed session skips the certificate: without this, clients that resume would keep
     * seeing the old certificate long after the reload. Connections open now are not affected.
     */
    private void forgetSessions() {
        SSLSessionContext sessions = context.getServerSessionContext();
        for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
            SSLSession session = sessions.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    /** {@link #reload()} when either file's modification time has changed since it was last read. */
    public boolean reloadIfChanged() {
        return !stamps().equals(stamps) && reload();
    }

    private List<FileTime> stamps() {
        return List.of(stamp(certFile), stamp(keyFile));
    }

    private static FileTime stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
