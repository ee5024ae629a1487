package dev.adl.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files as UTF-8 text, turning I/O failures into one-line messages that name the file. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    static String read(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
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

    /** The name diagnostics use for a file: the path as the user gave it. */
    static String displayName(Path path) {
        return path.toString();
    }
}
