package dev.ironbox.core.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds tars block by block, hostile ones included: any header type, any size, any number of them. */
public final class RawTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A header of {@code type} followed by {@code content}, padded to whole blocks. */
    public RawTar entry(String name, char type, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    /** A pax header ({@code x} or {@code g}) holding one record. */
    public RawTar pax(char type, String key, String value) {
        return entry("pax", type, record(key, value).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code "LEN key=value\n"}, LEN counting itself. */
    public static String record(String key, String value) {
        int rest = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int length = rest + String.valueOf(rest).length();
        if (String.valueOf(length).length() != String.valueOf(rest).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    public byte[] end() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }
}
