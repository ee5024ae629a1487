package dev.adl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads input files as UTF-8 text, turning I/O failures into one-line messages that name the
 * file. A file read whole (a policy, an event) is bounded: an endless or huge input such as
 * {@code /dev/zero} is refused instead of filling the memory; CSV files are read line by line,
 * each line bounded by the engine's reader.
 */
final class PolicyFiles {
    /** Far above any policy or event file. */
    static final int MAX_WHOLE_FILE = 16 * 1024 * 1024;

    private PolicyFiles() {
    }

    static String read(Path path) {
        try {
            byte[] bytes = bounded(path);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new CliException(path + ": error: no such file");
        } catch (CharacterCodingException e) {
            throw new CliException(path + ": error: the file is not valid UTF-8 text");
        } catch (IOException e) {
            throw new CliException(path + ": error: cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** A reader of a CSV input file; a missing file or a directory is a one-line error naming it. */
    static BufferedReader open(Path path) throws IOException {
        refuseDirectory(path);
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(path + ": error: no such file");
        }
    }

    private static byte[] bounded(Path path) throws IOException {
        refuseDirectory(path);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_WHOLE_FILE + 1);
            if (bytes.length > MAX_WHOLE_FILE) {
                throw new CliException(path + ": error: the file is larger than " + MAX_WHOLE_FILE / (1024 * 1024)
                        + " MiB, more than any policy or event");
            }
            return bytes;
        }
    }

    private static void refuseDirectory(Path path) {
        if (Files.isDirectory(path)) throw new CliException(path + ": error: is a directory, not a file");
    }

    /** The name diagnostics use for a file: the path as the user gave it. */
    static String displayName(Path path) {
        return path.toString();
    }
}
