package dev.adl.server;

import dev.adl.testing.RunReport;
import dev.adl.testing.SuiteFormatException;
import dev.adl.testing.SuiteReader;
import dev.adl.testing.TestCase;
import dev.adl.testing.TestRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a test suite sent over HTTP against one registered policy version, with the runner and
 * coverage of {@code adl test}. The suite and the version's source are written to a private
 * folder for the run (the suite reader works on files), and every case runs against that
 * version, whatever file the suite's {@code policy} names. Files the suite names beside itself
 * do not exist there: positions and events are given inline.
 */
final class SuiteService {
    /** The file names the suite and the policy get in the run's folder, as reports show them. */
    static final String SUITE_FILE = "suite_test.yaml";
    static final String POLICY_FILE = "policy.adl";

    private final PolicyRegistry registry;

    SuiteService(PolicyRegistry registry) {
        this.registry = registry;
    }

    /** What one run found, with the folder's path taken out of every message. */
    record Outcome(PolicyVersion policy, RunReport report, String folder) {
        String local(String message) {
            return message.replace(folder + "/", "").replace(folder, ".");
        }
    }

    Outcome run(String policy, long version, String suiteYaml, boolean mutate) {
        PolicyVersion pv = registry.require(policy, version);
        Path dir;
        try {
            dir = Files.createTempDirectory("adl-suite-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the suite run", e);
        }
        try {
            Path suite = dir.resolve(SUITE_FILE);
            Path source = dir.resolve(POLICY_FILE);
            Files.writeString(suite, suiteYaml, StandardCharsets.UTF_8);
            Files.writeString(source, pv.source(), StandardCharsets.UTF_8);
            List<TestCase> cases = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            try {
                for (TestCase c : new SuiteReader().read(suite)) {
                    cases.add(new TestCase(c.suiteFile(), c.name(), c.id(), source, c.inputs(), c.expect()));
                }
            } catch (SuiteFormatException e) {
                throw ApiException.badRequest(new Outcome(pv, null, dir.toString()).local(e.getMessage()));
            }
            RunReport report = TestRun.run(cases, errors, new TestRun.Options(null, true, 0, mutate));
            return new Outcome(pv, report, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the suite run's files", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless; the answer matters more
        }
    }
}
