package dev.adl.cli;

import java.util.Map;

/** The lab report's page: plain HTML, inline styles, nothing loaded from anywhere. */
final class Html {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    Html(String title) {
        this.title = title;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    Html heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Markup made by this package (SVG), added as it is. */
    Html raw(String markup) {
        body.append(markup);
        return this;
    }

    Html table(LabTable t) {
        body.append("<table>\n<tr><th>metric</th>");
        for (String c : t.columns()) body.append("<th>").append(escape(c)).append("</th>");
        body.append("</tr>\n");
        for (Map.Entry<String, String[]> r : t.rows().entrySet()) {
            body.append("<tr><td>").append(escape(r.getKey())).append("</td>");
            for (String cell : r.getValue()) body.append("<td>").append(escape(cell == null ? "-" : cell)).append("</td>");
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    String page() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\nbody { font-family: sans-serif; margin: 2em; color: #222; }\n"
                + "table { border-collapse: collapse; }\n"
                + "td, th { border: 1px solid #bbb; padding: 3px 8px; text-align: right; }\n"
                + "td:first-child, th:first-child { text-align: left; }\n"
                + "svg { display: block; margin: 1em 0; }\n</style>\n</head>\n<body>\n<h1>" + escape(title)
                + "</h1>\n" + body + "</body>\n</html>\n";
    }
}
