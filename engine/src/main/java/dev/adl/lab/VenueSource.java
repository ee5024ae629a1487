package dev.adl.lab;

/**
 * Where a venue's files come from: a folder for the command line, a map of texts in tests.
 * The lab itself never touches the disk.
 */
public interface VenueSource {
    /** The file's bytes, or null when the venue has no such file. */
    byte[] read(String file);

    /** How messages name the file (the path as the user would find it). */
    String display(String file);
}
