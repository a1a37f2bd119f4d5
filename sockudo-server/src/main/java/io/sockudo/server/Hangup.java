package io.sockudo.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGHUP, the signal operators send to make a server re-read its certificate.
 * The JVM's handler for it (start the shutdown) is replaced. {@code sun.misc.Signal} is reached
 * by reflection: it is the only way to catch a signal in Java 17, and naming it in the source
 * would make the compiler warn on every build.
 */
final class Hangup {

    private static final System.Logger LOG = System.getLogger(Hangup.class.getName());

    private Hangup() {
    }

    /** @return whether the handler was installed (false on a JVM without {@code sun.misc.Signal}, or run with -Xrs) */
    static boolean onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler call = (proxy, method, args) -> dispatch(method, args, action);
            Object handler = Proxy.newProxyInstance(Hangup.class.getClassLoader(), new Class<?>[] {handlerClass}, call);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SIGHUP cannot be caught here (" + e + "); certificate files are "
                    + "still reloaded when they change");
            return false;
        }
    }

    private static Object dispatch(Method method, Object[] args, Runnable action) {
        switch (method.getName()) {
            case "handle" -> action.run();
            case "hashCode" -> {
                return System.identityHashCode(action);
            }
            case "equals" -> {
                return args != null && args.length == 1 && args[0] == action;
            }
            case "toString" -> {
                return "SIGHUP handler";
            }
            default -> {
                // SignalHandler has no other methods
            }
        }
        return null;
    }
}
