package dev.ironbox.mcp.tools;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The file tools' arguments: an absolute path to a file in a session, and how its content is spelled. */
final class FileArguments {

    static final String SESSION_ID = "sessionId";
    static final String PATH = "path";
    static final String CONTENT = "content";
    static final String ENCODING = "encoding";

    /** The longest name (one part of a path) Linux file systems take, in bytes: NAME_MAX. */
    static final int MAX_NAME_BYTES = 255;

    static final String SESSION_ID_TAKES = "a string (an ID session_start returned)";
    static final String PATH_TAKES = "an absolute path to a file in the session, such as /workspace/notes.txt"
            + " (no .. or . parts, not ending in /)";
    static final String ENCODING_TAKES = "\"text\" (UTF-8, the default) or \"base64\"";
    static final String CONTENT_TAKES = "a string (the file's content, spelled as encoding says)";

    /** How a file's content is spelled in a call and its result. */
    enum Encoding {
        TEXT, BASE64;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private FileArguments() {}

    /** The path, checked: absolute, each part a name, not ending in {@code /}. */
    static String path(Arguments arguments) {
        String path = arguments.requiredString(PATH, PATH_TAKES);
        if (!path.startsWith("/") || path.endsWith("/") || path.indexOf('\0') >= 0) {
            throw Arguments.mistyped(PATH, PATH_TAKES, path);
        }
        for (String part : path.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw Arguments.mistyped(PATH, PATH_TAKES, path);
            }
            int bytes = part.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) { // the file systems' NAME_MAX, on the server's staging side and in the session
                throw new ToolArgumentException("argument path takes names of at most " + MAX_NAME_BYTES
                        + " bytes each (the file system's limit); one of its names has " + bytes + " bytes");
            }
        }
        return path;
    }

    static Encoding encoding(Arguments arguments) {
        String name = arguments.optionalString(ENCODING, ENCODING_TAKES).orElse("text");
        return switch (name) {
            case "text" -> Encoding.TEXT;
            case "base64" -> Encoding.BASE64;
            default -> throw Arguments.mistyped(ENCODING, ENCODING_TAKES, name);
        };
    }

    /** The content's bytes: UTF-8 of the text, or the decoded base64 (line breaks and spaces ignored). */
    static byte[] content(Arguments arguments, Encoding encoding) {
        String content = arguments.requiredString(CONTENT, CONTENT_TAKES);
        if (encoding == Encoding.TEXT) {
            return content.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(content.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException("argument content is not valid base64 (" + e.getMessage()
                    + "); give standard base64, or encoding \"text\"");
        }
    }

    static List<String> writeNames() {
        return List.of(SESSION_ID, PATH, CONTENT, ENCODING);
    }

    static List<String> readNames() {
        return List.of(SESSION_ID, PATH, ENCODING);
    }
}
