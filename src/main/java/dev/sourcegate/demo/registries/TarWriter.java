package dev.sourcegate.demo.registries;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a .tgz in memory, as npm pack does: ustar headers, a pax {@code x} header for a name over 100
 * bytes, or a GNU {@code ././@LongLink} entry when asked. Names are written as given (tests need hostile
 * ones). For the simulated registries only.
 */
public final class TarWriter {
  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  public TarWriter file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A regular file; a name too long for ustar goes in a pax header before it. */
  public TarWriter file(String name, byte[] content) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > 100) {
      String record = " path=" + name + "\n";
      int len = record.length() + 1;
      while (String.valueOf(len).length() + record.length() != len) {
        len++;
      }
      entry("PaxHeader/x", 'x', (len + record).getBytes(StandardCharsets.UTF_8));
      return entry(name.substring(0, 99), '0', content);
    }
    return entry(name, '0', content);
  }

  /** A regular file whose name comes in a GNU long-name entry before it. */
  public TarWriter gnuLongName(String name, byte[] content) {
    entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8));
    return entry(name.substring(0, Math.min(99, name.length())), '0', content);
  }

  public TarWriter directory(String name) {
    return entry(name, '5', new byte[0]);
  }

  /** The tar with its end-of-archive blocks. */
  public byte[] tar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(tar.toByteArray());
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  public byte[] tgz() {
    return gzip(tar());
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private TarWriter entry(String name, char type, byte[] content) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", content.length));
    put(h, 136, 12, "00000000000");
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    tar.writeBytes(h);
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }
}
