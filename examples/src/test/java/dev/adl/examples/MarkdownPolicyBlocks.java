package dev.adl.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks tagged {@code adl} in a Markdown text. A fence opens with three
 * backticks and an info string and closes with a bare three-backtick line; an {@code adl}
 * line inside a block of another language is that block's text, not a new block.
 */
final class MarkdownPolicyBlocks {
    /** One block: its text, and the 1-based line of its opening fence. */
    record Block(int line, String text) {
    }

    private static final String FENCE = "```";

    private MarkdownPolicyBlocks() {
    }

    static List<Block> of(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        int open = -1;
        boolean adl = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(FENCE)) {
                if (open >= 0 && adl) text.append(lines[i]).append('\n');
                continue;
            }
            if (open < 0) {
                open = i + 1;
                adl = line.substring(FENCE.length()).strip().equals("adl");
                text.setLength(0);
            } else if (line.equals(FENCE)) {
                if (adl) blocks.add(new Block(open, text.toString()));
                open = -1;
            } else if (adl) {
                text.append(lines[i]).append('\n');
            }
        }
        if (open >= 0 && adl) {
            throw new IllegalArgumentException("the `adl` block opened on line " + open + " is never closed");
        }
        return blocks;
    }
}
