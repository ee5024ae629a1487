package dev.adl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        List<Path> found = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            // build output and hidden folders hold copies, not the suites themselves
                            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                            boolean skip = !dir.equals(p) && (name.equals("target") || name.startsWith("."));
                            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && isSuite(file)) found.add(file);
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot list (" + e.getMessage() + ")", e);
                }
                found.sort(Comparator.comparing(Path::toString));
                out.addAll(found);
                found.clear();
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new SuiteFormatException(p + ": no such file or folder");
            }
        }
        return out.stream().distinct().toList();
    }
}
