package dev.adl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds suite files: a file given by path, or every {@code *_test.yaml} / {@code *_test.yml} under a folder. */
public final class SuiteFiles {
    private SuiteFiles() {
    }

    public static boolean isSuite(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith("_test.yaml") || n.endsWith("_test.yml");
    }

    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && isSuite(f)
                                    && !f.toString().contains("/target/") && !f.toString().contains("/src/"))
                            .sorted(Comparator.comparing(Path::toString)).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot list (" + e.getMessage() + ")", e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new SuiteFormatException(p + ": no such file or folder");
            }
        }
        return out.stream().distinct().toList();
    }
}
