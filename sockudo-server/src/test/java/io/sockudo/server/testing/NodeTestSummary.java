package io.sockudo.server.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts at the end of a {@code node --test --test-reporter=tap} run ({@code # tests N},
 * {@code # pass N}, {@code # fail N}). A run passes only when it ran at least one test and
 * none failed: an exit status of 0 alone also means "found no test file".
 */
public record NodeTestSummary(int tests, int pass, int fail) {

    private static final Pattern COUNT = Pattern.compile("(?m)^# (tests|pass|fail) (\\d+)\\s*$");

    /** Reads the summary; fails the test when the output has none. */
    public static NodeTestSummary of(String tapOutput) {
        int tests = -1;
        int pass = -1;
        int fail = -1;
        Matcher m = COUNT.matcher(tapOutput);
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "tests" -> tests = n;
                case "pass" -> pass = n;
                default -> fail = n;
            }
        }
        if (tests < 0 || pass < 0 || fail < 0) {
            throw new AssertionError("no test summary (# tests, # pass, # fail) in the node output:\n" + tapOutput);
        }
        return new NodeTestSummary(tests, pass, fail);
    }

    /** Fails unless at least one test ran and every test passed. */
    public NodeTestSummary requireAllPassed(String what) {
        if (tests == 0) {
            throw new AssertionError(what + " ran no test: are the test files where node --test looks?");
        }
        if (fail > 0 || pass != tests) {
            throw new AssertionError(what + ": " + pass + " of " + tests + " tests passed, " + fail + " failed");
        }
        return this;
    }
}
