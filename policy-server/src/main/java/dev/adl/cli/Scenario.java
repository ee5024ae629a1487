package dev.adl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One example scenario on disk: {@code <example>/policy.adl}, {@code positions.csv},
 * optional {@code exposures.csv}, and per case {@code <case>.event.json} with either
 * {@code <case>.expected.json} (the exact result) or {@code <case>.expected-error.txt}
 * (lines that must all appear in the error message). A version 2 example may add the venue:
 * {@code markets.csv}, {@code accounts.csv} and per case {@code <case>.buffers.json}.
 */
public record Scenario(String example, String name, Path policy, Path positions, Path exposures, Path event,
                       Path expectedJson, Path expectedError, Path markets, Path accounts, Path buffers) {

    public Scenario(String example, String name, Path policy, Path positions, Path exposures, Path event,
                    Path expectedJson, Path expectedError) {
        this(example, name, policy, positions, exposures, event, expectedJson, expectedError, null, null, null);
    }

    /** The options of {@code adl run} for this scenario, after the command's name. */
    public List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("--policy", policy.toString(), "--positions", positions.toString(),
                "--event", event.toString()));
        if (exposures != null) args.addAll(List.of("--exposures", exposures.toString()));
        if (markets != null) args.addAll(List.of("--markets", markets.toString()));
        if (accounts != null) args.addAll(List.of("--accounts", accounts.toString()));
        if (buffers != null) args.addAll(List.of("--buffers", buffers.toString()));
        return args;
    }

    public static List<Scenario> findAll(Path examplesDir) {
        List<Scenario> out = new ArrayList<>();
        if (!Files.isDirectory(examplesDir)) return out;
        try (Stream<Path> dirs = Files.list(examplesDir)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("policy.adl")))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path ev : files.filter(f -> f.getFileName().toString().endsWith(".event.json"))
                            .sorted(Comparator.comparing(Path::toString)).toList()) {
                        String caseName = ev.getFileName().toString().replace(".event.json", "");
                        Path expJson = dir.resolve(caseName + ".expected.json");
                        Path expErr = dir.resolve(caseName + ".expected-error.txt");
                        out.add(new Scenario(dir.getFileName().toString(), caseName, dir.resolve("policy.adl"),
                                dir.resolve("positions.csv"), ifExists(dir.resolve("exposures.csv")), ev,
                                ifExists(expJson), ifExists(expErr), ifExists(dir.resolve("markets.csv")),
                                ifExists(dir.resolve("accounts.csv")), ifExists(dir.resolve(caseName + ".buffers.json"))));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Path ifExists(Path p) {
        return Files.exists(p) ? p : null;
    }

    /** Every non-blank line of the expected-error file appears in the message. */
    public boolean matchesError(String message) {
        if (expectedError == null) return false;
        try {
            return Files.readAllLines(expectedError).stream().map(String::strip).filter(l -> !l.isEmpty())
                    .allMatch(message::contains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
