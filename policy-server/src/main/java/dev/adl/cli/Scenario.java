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
 * (lines that must all appear in the error message).
 */
public record Scenario(String example, String name, Path policy, Path positions, Path exposures, Path event,
                       Path expectedJson, Path expectedError) {

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
                        Path exposures = dir.resolve("exposures.csv");
                        out.add(new Scenario(dir.getFileName().toString(), caseName, dir.resolve("policy.adl"),
                                dir.resolve("positions.csv"), Files.exists(exposures) ? exposures : null, ev,
                                Files.exists(expJson) ? expJson : null, Files.exists(expErr) ? expErr : null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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
