package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helpers: runs the CLI in-process with stdout and stderr captured, finds the repository root, and
 * compares (or, with {@code -Dreadout.updateGolden=true}, rewrites) golden files.
 */
final class CliHarness {
    static final String UPDATE_PROPERTY = "readout.updateGolden";

    private CliHarness() {
    }

    /** What one run of the command line gave. */
    record Result(int exit, String out, String err) {
    }

    /**
     * Runs {@link Readout#run} with {@code System.out} and {@code System.err} redirected. Picocli wraps
     * the current {@code System.out}/{@code System.err} when a command first asks for its streams, and
     * {@code Readout.run} builds a fresh {@code CommandLine} each time, so redirecting around the call is enough.
     */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            exit = Readout.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The repository root: {@code -Dreadout.repo} (set by surefire), else the first folder up from here holding sample-docs/. */
    static Path repoRoot() {
        String prop = System.getProperty("readout.repo");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop).resolve("sample-docs"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder holding sample-docs/):"
                + " set -Dreadout.repo or run from inside the repository");
    }

    static Path sampleDocs() {
        return repoRoot().resolve("sample-docs");
    }

    static Path expected(String name) {
        return sampleDocs().resolve("expected").resolve(name);
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Whitespace runs (spaces, newlines, form feeds) collapsed to one space, ends stripped. */
    static String normaliseWhitespace(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * Compares {@code actual} with the golden file {@code sample-docs/expected/<name>}, exactly or after
     * {@link #normaliseWhitespace}; in update mode rewrites the golden file instead and says so.
     */
    static void assertGolden(String name, String actual, boolean normalise) throws IOException {
        Path golden = expected(name);
        if (updating()) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            System.out.println("[golden] rewrote " + golden + " (" + UPDATE_PROPERTY + "=true)");
            return;
        }
        if (!Files.exists(golden)) {
            fail("golden file " + golden + " is missing: create it with"
                    + " mvn -B -q -o test -pl cli -Dtest=SampleDocsGoldenTest -D" + UPDATE_PROPERTY + "=true");
        }
        String want = Files.readString(golden, StandardCharsets.UTF_8);
        if (normalise) {
            assertThat(normaliseWhitespace(actual)).as("%s (whitespace normalised); rewrite with -D%s=true if the change is intended",
                    golden, UPDATE_PROPERTY).isEqualTo(normaliseWhitespace(want));
        } else {
            assertThat(actual).as("%s; rewrite with -D%s=true if the change is intended", golden, UPDATE_PROPERTY)
                    .isEqualTo(want);
        }
    }
}
